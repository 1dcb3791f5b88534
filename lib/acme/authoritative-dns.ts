import "server-only";
import type { Answer } from "dns-packet";
import type { DnsClient, DnsServer } from "./dns-client";

export interface DnsContext {
  dns: DnsClient;
  /** Resolvers for ordinary lookups (NS, A, CAA). */
  resolvers: DnsServer[];
  /** Port the authoritative nameservers are queried on (53, or a test rig's port). */
  nameserverPort: number;
}

const trim = (n: string) => n.replace(/\.$/, "").toLowerCase();

/** Asks each resolver in turn until one answers (a dead resolver is not an answer). */
export async function resolve(
  ctx: DnsContext,
  name: string,
  type: "A" | "AAAA" | "NS" | "SOA" | "CAA" | "TXT" | "CNAME",
) {
  let last: unknown;
  for (const r of ctx.resolvers) {
    try {
      return await ctx.dns.query(r, name, type);
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`no resolver answered for ${name} ${type}: ${String(last)}`);
}

/** The zone that holds `name`: the owner of the SOA in the answer, or in the authority section of a negative answer. */
export async function findZone(ctx: DnsContext, name: string): Promise<string> {
  let candidate = trim(name);
  while (candidate.includes(".")) {
    const reply = await resolve(ctx, candidate, "SOA");
    const soa = [...reply.answers, ...reply.authorities].find((a: Answer) => a.type === "SOA");
    if (soa) return trim(soa.name);
    candidate = candidate.slice(candidate.indexOf(".") + 1);
  }
  throw new Error(`no DNS zone found above ${name}: is the domain registered and delegated?`);
}

export interface Nameserver {
  name: string;
  address: string;
}

/** The zone's authoritative nameservers (from its NS records) with their addresses. */
export async function authoritativeServers(ctx: DnsContext, zone: string): Promise<Nameserver[]> {
  const ns = (await resolve(ctx, zone, "NS")).answers
    .filter((a) => a.type === "NS")
    .map((a) => trim((a as { data: string }).data));
  if (ns.length === 0) throw new Error(`the zone ${zone} has no NS records`);
  const out: Nameserver[] = [];
  for (const name of ns.sort()) {
    for (const type of ["A", "AAAA"] as const) {
      for (const a of (await resolve(ctx, name, type)).answers)
        if (a.type === type) out.push({ name, address: (a as { data: string }).data });
    }
  }
  if (out.length === 0) throw new Error(`none of the nameservers of ${zone} (${ns.join(", ")}) has an address`);
  return out;
}

export interface TxtSighting extends Nameserver {
  sees: boolean;
  error?: string;
}

/** Asks every authoritative nameserver of the zone directly whether it serves TXT `value` at `name`. */
export async function watchTxt(
  ctx: DnsContext,
  name: string,
  value: string,
): Promise<{ zone: string; servers: TxtSighting[]; allSee: boolean }> {
  const zone = await findZone(ctx, name);
  const servers = await authoritativeServers(ctx, zone);
  const sightings = await Promise.all(
    servers.map(async (s): Promise<TxtSighting> => {
      try {
        const reply = await ctx.dns.query({ address: s.address, port: ctx.nameserverPort }, name, "TXT", {
          recursionDesired: false,
        });
        const values = reply.answers.filter((a) => a.type === "TXT").map((a) => [a.data].flat().map(String).join(""));
        return { ...s, sees: values.includes(value) };
      } catch (e) {
        return { ...s, sees: false, error: (e as Error).message };
      }
    }),
  );
  return { zone, servers: sightings, allSee: sightings.every((s) => s.sees) };
}
