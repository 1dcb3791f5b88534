import "server-only";
import { normalName as trim } from "@/lib/setup/derived";
import type { DnsResponse } from "@/lib/net/dns-client";
import { findNameservers, type Nameserver } from "@/lib/net/nameservers";
import type { CheckContext } from "./check-context";
import { codedError, errorMessage, errorRef } from "./verdict";
import type { MessageRef } from "./result";

/** One nameserver's answer to SOA DOMAIN, asked directly. */
export interface NameserverHealth {
  ns: Nameserver;
  /** Answered authoritatively for the zone (NOERROR, AA, an SOA). */
  ok: boolean;
  serial?: number;
  rcode?: string;
  aa?: boolean;
  /** No answer before the question's timeout, or no route to it. */
  error?: string;
  errorRef?: MessageRef;
  ms: number;
}

/** How long the resolver may take to name the domain's nameservers before the parent's delegation is asked too. */
const RESOLVER_NS_BUDGET_MS = 2000;

const sleep = (ms: number) => new Promise<"late">((r) => setTimeout(() => r("late"), ms).unref());

/**
 * The domain's nameservers: the NS records the resolver returns (the zone's
 * own view), or, when the resolver cannot get them (every nameserver silent,
 * or lame), the delegation the parent zone hands out with its glue, asked of
 * the parent's servers directly, as a resolver iterating from the root does.
 */
export async function discoverNameservers(ctx: CheckContext): Promise<Nameserver[]> {
  const domain = trim(ctx.setup.domain);
  const viaResolver = findNameservers((n, t) => ctx.resolve(n, t), domain, { port: ctx.config.nsPort });
  viaResolver.catch(() => {});
  const first = await Promise.race([viaResolver.catch((e: Error) => e), sleep(RESOLVER_NS_BUDGET_MS)]);
  if (Array.isArray(first)) return first;
  try {
    return await delegation(ctx, domain);
  } catch (e) {
    // Neither way: the resolver's own failure says more (NXDOMAIN: not registered), unless it is still pending.
    const late = await viaResolver.catch((r: Error) => r);
    if (Array.isArray(late)) return late;
    throw first instanceof Error ? first : late instanceof Error ? late : e;
  }
}

/** The NS set and glue the parent zone's servers give for `domain` (a referral), asked without recursion. */
async function delegation(ctx: CheckContext, domain: string): Promise<Nameserver[]> {
  const labels = domain.split(".");
  for (let i = 1; i <= labels.length; i++) {
    const parent = labels.slice(i).join(".") || ".";
    const ns = await ctx.resolve(parent, "NS");
    const names = ns.answers.filter((r) => r.type === "NS").map((r) => trim(String(r.data)));
    if (!names.length) continue;
    const servers = (
      await Promise.all(
        names.map(async (n) => {
          const a = await ctx.resolve(n, "A").catch(() => null);
          return a?.answers.filter((r) => r.type === "A").map((r) => String(r.data)) ?? [];
        }),
      )
    ).flat();
    for (const host of servers) {
      let referral: DnsResponse;
      try {
        referral = await ctx.ask({ host, port: ctx.config.nsPort }, domain, "NS", { recurse: false });
      } catch {
        continue;
      }
      if (referral.rcode === "NXDOMAIN")
        throw codedError(`${domain} does not exist in the ${parent} zone (NXDOMAIN)`, "errors.nxdomain", {
          domain,
          parent,
        });
      const nsNames = [
        ...new Set(
          [...referral.authorities, ...referral.answers]
            .filter((r) => r.type === "NS" && trim(r.name) === domain)
            .map((r) => trim(String(r.data))),
        ),
      ].sort();
      if (!nsNames.length) continue;
      const glue = referral.additionals ?? [];
      const found = await Promise.all(
        nsNames.map(async (name) => {
          let hosts = glue.filter((r) => r.type === "A" && trim(r.name) === name).map((r) => String(r.data));
          if (!hosts.length) {
            const a = await ctx.resolve(name, "A").catch(() => null);
            hosts = a?.answers.filter((r) => r.type === "A").map((r) => String(r.data)) ?? [];
          }
          return hosts.map((h) => ({ name, server: { host: h, port: ctx.config.nsPort } }));
        }),
      );
      const list = found.flat();
      if (list.length) return list;
      throw codedError(`the nameservers of ${domain} (${nsNames.join(", ")}) have no address`, "errors.nsNoAddress", {
        zone: domain,
        names: nsNames.join(", "),
      });
    }
    throw codedError(`the ${parent} zone's servers did not answer for ${domain}`, "errors.parentSilent", {
      domain,
      parent,
    });
  }
  throw codedError(`no zone above ${domain} answers`, "errors.noZoneAnswers", { domain });
}

/** Asks each nameserver for the zone's SOA, once per run; a nameserver that cannot be found gives an empty list. */
export async function probeNameservers(ctx: CheckContext): Promise<NameserverHealth[]> {
  const domain = ctx.setup.domain;
  const nameservers = await ctx.nameservers();
  return Promise.all(
    nameservers.map(async (ns): Promise<NameserverHealth> => {
      const started = ctx.run.deps.now();
      try {
        const res = await ctx.ask(ns.server, domain, "SOA", { recurse: false });
        const soa = res.answers.find((r) => r.type === "SOA");
        const serial: number | undefined = soa?.data.serial;
        return {
          ns,
          ok: res.aa && res.rcode === "NOERROR" && serial !== undefined,
          serial,
          rcode: res.rcode,
          aa: res.aa,
          ms: ctx.run.deps.now() - started,
        };
      } catch (e) {
        return { ns, ok: false, error: errorMessage(e), errorRef: errorRef(e), ms: ctx.run.deps.now() - started };
      }
    }),
  );
}
