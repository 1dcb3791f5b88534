import "server-only";
import type { CheckContext } from "./check-context";
import type { DnsRecord, DnsResponse, Lookup } from "@/lib/net/dns-client";
import { formatHostPort } from "@/lib/net/host-port";
import { formatRecord, ttlLeft } from "./records";
import type { CheckDetail } from "./result";
import { errorMessage, verdict, type Verdict } from "./verdict";

export type Judge = (records: DnsRecord[], res: DnsResponse, lookup: Lookup) => Verdict | Promise<Verdict>;

/**
 * Asks every authoritative nameserver of the domain directly, and the resolver,
 * and judges each answer. A wrong answer anywhere authoritative fails; a
 * nameserver that does not answer makes the check an error; a resolver that
 * still holds an old answer only warns, with the TTL left to wait.
 */
export async function checkEverywhere(
  ctx: CheckContext,
  name: string,
  type: string,
  judge: Judge,
): Promise<{ verdict: Verdict; details: CheckDetail[] }> {
  const details: CheckDetail[] = [];
  const query = `${type} ${name}`;
  const resolved = ctx.resolve(name, type);
  resolved.catch(() => {});
  let nameservers;
  try {
    nameservers = await ctx.nameservers();
  } catch (e) {
    return {
      verdict: verdict(
        "error",
        "common.noNameservers",
        { domain: ctx.setup.domain, error: errorMessage(e) },
        "common.noNameserversFix",
      ),
      details: [{ query, note: errorMessage(e), status: "error" }],
    };
  }
  const judged = await Promise.all(
    nameservers.map(async (ns) => {
      const source = `${ns.name} (${formatHostPort(ns.server)})`;
      const lookup: Lookup = async (n, t) => {
        const r = await ctx.ask(ns.server, n, t, { recurse: false });
        return r.rcode === "REFUSED" || (!r.aa && r.rcode === "NOERROR" && !r.answers.length) ? ctx.resolve(n, t) : r;
      };
      try {
        const res = await ctx.ask(ns.server, name, type, { recurse: false });
        if (res.rcode === "REFUSED" || res.rcode === "SERVFAIL" || !res.aa) {
          const v = verdict(
            "fail",
            "common.notAuthoritative",
            { server: ns.name, rcode: res.rcode },
            "common.notAuthoritativeFix",
            { server: ns.name, domain: ctx.setup.domain },
          );
          details.push({ source, query, answer: [res.rcode], status: "fail" });
          return { ns, v };
        }
        const records = res.answers.filter((r) => r.type === type || r.type === "CNAME");
        const v = await judge(records, res, lookup);
        details.push({ source, query, answer: records.map((r) => `${r.type} ${formatRecord(r)}`), status: v.status });
        return { ns, v };
      } catch (e) {
        details.push({ source, query, note: errorMessage(e), status: "error" });
        return {
          ns,
          v: verdict(
            "error",
            "common.nsNoAnswer",
            { server: ns.name, error: errorMessage(e) },
            "common.nsNoAnswerFix",
            { server: ns.name },
          ),
        };
      }
    }),
  );
  const failed = judged.find((j) => j.v.status === "fail");
  if (failed) return { verdict: failed.v, details };
  const errored = judged.find((j) => j.v.status === "error");
  if (errored) return { verdict: errored.v, details };
  const authoritative = judged.find((j) => j.v.status === "warn")?.v ?? judged[0].v;

  const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
  try {
    const res = await resolved;
    const records = res.answers.filter((r) => r.type === type || r.type === "CNAME");
    const v = await judge(records, res, (n, t) => ctx.resolve(n, t));
    const ttl = ttlLeft(res);
    details.push({
      source,
      query,
      answer: records.map((r) => `${r.type} ${formatRecord(r)}`),
      status: v.status,
      ...(ttl !== undefined ? { ttl } : {}),
    });
    if ((v.status === "fail" || v.status === "error") && authoritative.status !== "fail") {
      return {
        verdict: verdict("warn", "common.propagating", { ttl: ttl ?? 0 }, "common.propagatingFix", { ttl: ttl ?? 0 }),
        details,
      };
    }
  } catch (e) {
    details.push({ source, query, note: errorMessage(e), status: "error" });
  }
  return { verdict: authoritative, details };
}
