import "server-only";
import type { CheckContext } from "./check-context";

function codeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A node:dns-style resolve(name, type) over the run's resolver, as mailauth expects. */
export function spfResolver(ctx: CheckContext) {
  return async (name: string, type: string): Promise<unknown> => {
    let res;
    try {
      res = await ctx.resolve(name, type);
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
