import type { DnsResponse } from "@/lib/net/dns-client";

/** Asks one question of the configured resolver (through the project's DNS client, so tests aim it at the rig). */
export type AskDns = (name: string, type: string) => Promise<DnsResponse>;

/** A node:dns-style resolve(name, type), as mailauth expects, over `ask`; one question per name and type. */
export type MailauthResolver = (name: string, type: string) => Promise<unknown>;

function codeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export function mailauthResolver(ask: AskDns): MailauthResolver {
  const cache = new Map<string, Promise<DnsResponse>>();
  return async (name, type) => {
    const key = `${name.toLowerCase()} ${type}`;
    let p = cache.get(key);
    if (!p) {
      p = ask(name, type);
      cache.set(key, p);
    }
    let res: DnsResponse;
    try {
      res = await p;
    } catch (e) {
      throw codeError("ETIMEOUT", (e as Error).message);
    }
    if (res.rcode === "NXDOMAIN") throw codeError("ENOTFOUND", `${name} does not exist`);
    if (res.rcode !== "NOERROR")
      throw codeError(res.rcode === "REFUSED" ? "EREFUSED" : "ESERVFAIL", `${type} ${name}: ${res.rcode}`);
    const rr = res.answers.filter((r) => r.type === type);
    if (!rr.length) throw codeError("ENODATA", `no ${type} for ${name}`);
    switch (type) {
      case "TXT":
        return rr.map((r) => (Array.isArray(r.data) ? r.data : [r.data]).map((b: Buffer | string) => b.toString()));
      case "MX":
        return rr.map((r) => ({ exchange: String(r.data.exchange), priority: r.data.preference }));
      default:
        return rr.map((r) => String(r.data));
    }
  };
}
