// The parts of mailauth 4 the header reader uses (the package ships no declarations).
declare module "mailauth/lib/dmarc" {
  export function dmarc(opts: {
    headerFrom: string | string[];
    spfDomains: string[];
    dkimDomains: { id?: string; domain: string; aligned?: string | false; underSized?: unknown }[];
    arcResult?: unknown;
    resolver?: (name: string, type: string) => Promise<unknown>;
  }): Promise<any>;
}
declare module "mailauth/lib/arc" {
  export function sealMessage(
    message: Buffer,
    seal: {
      signingDomain: string;
      selector: string;
      privateKey: string;
      authResults: string;
      cv: string;
      signTime?: Date;
    },
  ): Promise<Buffer>;
  export function arc(
    chain: unknown,
    opts: { resolver?: (name: string, type: string) => Promise<unknown> },
  ): Promise<any>;
}
declare module "mailauth/lib/parse-received" {
  export function parseReceived(line: string): Record<string, { value: string; comment?: string }> | false;
}
