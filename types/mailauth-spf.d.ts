declare module "mailauth/lib/spf" {
  export interface SpfResult {
    status: {
      result: "pass" | "fail" | "softfail" | "neutral" | "none" | "permerror" | "temperror";
      comment?: string | false;
    };
    lookups?: { limit: number; count: number; void: number };
  }
  export function spf(opts: {
    sender: string;
    ip: string;
    helo?: string;
    mta?: string;
    maxResolveCount?: number;
    resolver?: (name: string, type: string) => Promise<unknown>;
  }): Promise<SpfResult>;
}
