import "server-only";
import { normalName as trim } from "@/lib/setup/derived";
import type { CheckContext } from "./check-context";
import type { DnsRecord, DnsResponse, Lookup } from "@/lib/net/dns-client";
import { formatHostPort } from "@/lib/net/host-port";
import { formatRecord, sameName, ttlLeft } from "./records";
import type { CheckDetail } from "./result";
import { errorMessage, errorRef, type Verdict, verdict } from "./verdict";

export type Judge = (records: DnsRecord[], res: DnsResponse, lookup: Lookup) => Verdict | Promise<Verdict>;

const MAX_CNAME_HOPS = 8;

/** Whether `name` is the domain or below it (its nameservers answer for it, barring a delegation). */
export function inDomain(name: string, domain: string): boolean {
  const n = trim(name);
  const d = trim(domain);
  return n === d || n.endsWith(`.${d}`);
}

/**
 * Follows CNAMEs from `name` as a resolver does: along the chain an answer
 * already holds, then asking `lookup` for each target it does not. Returns
 * the chain's CNAME records followed by the records of `type` at its end.
 */
export async function followCnames(
  first: DnsResponse,
  name: string,
  type: string,
  lookup: Lookup,
): Promise<{ records: DnsRecord[]; res: DnsResponse }> {
  let res = first;
  let current = trim(name);
  const chain: DnsRecord[] = [];
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const here = res.answers.filter((r) => sameName(r.name, current));
    const cname = here.find((r) => r.type === "CNAME");
    if (type === "CNAME" || !cname || here.some((r) => r.type === type)) break;
    chain.push(cname);
    current = trim(String(cname.data));
    if (!res.answers.some((r) => sameName(r.name, current))) res = await lookup(current, type);
  }
  const found = res.answers.filter((r) => sameName(r.name, current) && r.type === type);
  return { records: [...chain, ...found], res };
}

/**
 * Asks every authoritative nameserver of the domain directly, and the resolver,
 * and judges each answer, following CNAMEs wherever a resolver would. A wrong
 * answer from any nameserver that answers fails (receivers ask either); a
 * nameserver that is silent or lame is left out here, since that is the
 * nameservers check's finding; a resolver that still holds an old answer only
 * warns, with the TTL left to wait. Names outside the domain are judged as
 * the resolver sees them.
 */
export async function checkEverywhere(
  ctx: CheckContext,
  name: string,
  type: string,
  judge: Judge,
): Promise<{ verdict: Verdict; details: CheckDetail[] }> {
  const details: CheckDetail[] = [];
  const query = `${type} ${name}`;
  const domain = ctx.setup.domain;
  const resolved = ctx.resolve(name, type);
  resolved.catch(() => {});
  const resolverLookup: Lookup = (n, t) => ctx.resolve(n, t);
  const show = (records: DnsRecord[]) => records.map((r) => `${r.type} ${formatRecord(r)}`);

  let authoritative: Verdict | null = null;
  if (inDomain(name, domain)) {
    let health;
    try {
      health = await ctx.nameserverHealth();
    } catch {
      return { verdict: verdict("skip", "common.notChecked.noNameservers", { domain }), details };
    }
    const judged: Verdict[] = [];
    await Promise.all(
      health.map(async (h) => {
        const source = `${h.ns.name} (${formatHostPort(h.ns.server)})`;
        if (!h.ok) {
          details.push({
            source,
            query,
            note: "not asked: see the nameservers check",
            noteRef: { key: "errors.notAsked" },
            status: "skip",
          });
          return;
        }
        const lookup: Lookup = async (n, t) => {
          if (!inDomain(n, domain)) return ctx.resolve(n, t);
          const r = await ctx.ask(h.ns.server, n, t, { recurse: false });
          return r.rcode === "REFUSED" || (!r.aa && r.rcode === "NOERROR" && !r.answers.length) ? ctx.resolve(n, t) : r;
        };
        try {
          const res = await ctx.ask(h.ns.server, name, type, { recurse: false });
          if (res.rcode === "REFUSED" || res.rcode === "SERVFAIL" || (!res.aa && !res.answers.length)) {
            details.push({
              source,
              query,
              answer: [res.rcode],
              note: "see the nameservers check",
              noteRef: { key: "errors.seeNs" },
              status: "skip",
            });
            return;
          }
          const { records, res: last } = await followCnames(res, name, type, lookup);
          const v = await judge(records, last, lookup);
          details.push({ source, query, answer: show(records), status: v.status });
          judged.push(v);
        } catch (e) {
          details.push({
            source,
            query,
            note: `${errorMessage(e)} (see the nameservers check)`,
            noteRef: { key: "errors.seeNsAfter", params: { error: errorRef(e) } },
            status: "skip",
          });
        }
      }),
    );
    if (!judged.length) return { verdict: verdict("skip", "common.notChecked.nameserversSilent", { domain }), details };
    const order = ["fail", "error", "warn", "skip", "pass"];
    authoritative = [...judged].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))[0];
    if (authoritative.status === "fail" || authoritative.status === "error") return { verdict: authoritative, details };
  }

  const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
  try {
    const first = await resolved;
    const { records, res } = await followCnames(first, name, type, resolverLookup);
    const v = await judge(records, res, resolverLookup);
    const ttl = ttlLeft(first);
    details.push({ source, query, answer: show(records), status: v.status, ...(ttl !== undefined ? { ttl } : {}) });
    if (!authoritative) return { verdict: v, details };
    if ((v.status === "fail" || v.status === "error") && authoritative.status !== "fail") {
      return {
        verdict: verdict("warn", "common.propagating", { ttl: ttl ?? 0 }, "common.propagatingFix", { ttl: ttl ?? 0 }),
        details,
      };
    }
  } catch (e) {
    details.push({ source, query, note: errorMessage(e), noteRef: errorRef(e), status: "error" });
    if (!authoritative)
      return {
        verdict: verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix"),
        details,
      };
  }
  return { verdict: authoritative!, details };
}
