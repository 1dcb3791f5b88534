import "server-only";
import type { DnsQuery, DnsResponse } from "@/lib/net/dns-client";
import { formatHostPort, type HostPort } from "@/lib/net/host-port";
import { findNameservers, findZone as findZoneVia } from "@/lib/net/nameservers";

export interface DnsContext {
  dns: DnsQuery;
  /** Resolvers for ordinary lookups (NS, A, CAA). */
  resolvers: HostPort[];
  /** Port the authoritative nameservers are queried on (53, or a test rig's port). */
  nameserverPort: number;
}

/** No cache, so polling sees changes at once; each question has this long. */
const QUESTION_MS = 3000;

/** Asks each resolver in turn until one answers (a dead resolver is not an answer). */
export async function resolve(ctx: DnsContext, name: string, type: string): Promise<DnsResponse> {
  let last: unknown;
  for (const server of ctx.resolvers) {
    try {
      return await ctx.dns({ server, name, type, recurse: true }, AbortSignal.timeout(QUESTION_MS));
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`no resolver answered for ${name} ${type}: ${String(last)}`);
}

/** The zone that holds `name`. */
export function findZone(ctx: DnsContext, name: string): Promise<string> {
  return findZoneVia((n, t) => resolve(ctx, n, t), name);
}

/**
 * The zone that holds `name`, as `server` itself says: SOA questions without
 * recursion, walking up from the name (certbot's RFC 2136 plugin does the
 * same). The primary an RFC 2136 update goes to may be hidden, or see a zone
 * the resolvers do not yet.
 */
export async function findZoneAt(ctx: DnsContext, server: HostPort, name: string): Promise<string> {
  try {
    return await findZoneVia(
      (n, t) => ctx.dns({ server, name: n, type: t, recurse: false }, AbortSignal.timeout(QUESTION_MS)),
      name,
    );
  } catch (e) {
    throw new Error(`${formatHostPort(server)} serves no zone above ${name}: ${(e as Error).message}`);
  }
}

export interface TxtSighting {
  name: string;
  address: string;
  sees: boolean;
  error?: string;
}

/** Asks every address of every authoritative nameserver of the zone directly whether it serves TXT `value` at `name`. */
export async function watchTxt(
  ctx: DnsContext,
  name: string,
  value: string,
): Promise<{ zone: string; servers: TxtSighting[]; allSee: boolean }> {
  const zone = await findZone(ctx, name);
  const servers = await findNameservers((n, t) => resolve(ctx, n, t), zone, {
    port: ctx.nameserverPort,
    everyAddress: true,
  });
  const sightings = await Promise.all(
    servers.map(async (ns): Promise<TxtSighting> => {
      const s = { name: ns.name, address: ns.server.host };
      try {
        const reply = await ctx.dns(
          { server: ns.server, name, type: "TXT", recurse: false },
          AbortSignal.timeout(QUESTION_MS),
        );
        const values = reply.answers.filter((a) => a.type === "TXT").map((a) => [a.data].flat().map(String).join(""));
        return { ...s, sees: values.includes(value) };
      } catch (e) {
        return { ...s, sees: false, error: (e as Error).message };
      }
    }),
  );
  return { zone, servers: sightings, allSee: sightings.every((s) => s.sees) };
}
