// mailauth 4 ships no type declarations: the parts Postwright uses, loosely typed.
declare module "mailauth" {
  export type Resolver = (name: string, rrtype: string) => Promise<unknown>;
  export function authenticate(message: string | Buffer, opts?: Record<string, unknown>): Promise<any>;
}
declare module "mailauth/lib/dkim/sign" {
  export function dkimSign(
    message: string | Buffer,
    opts: Record<string, unknown>,
  ): Promise<{ signatures: string; errors: unknown[] }>;
}
declare module "mailauth/lib/dkim/verify" {
  export function dkimVerify(message: string | Buffer, opts?: Record<string, unknown>): Promise<any>;
}
declare module "mailauth/lib/spf" {
  export function spf(opts: Record<string, unknown>): Promise<any>;
}
