import "server-only";
import type { CheckContext } from "./check-context";
import { reversedLabels } from "./reverse-name";
import { errorMessage } from "./verdict";

export type DnsblOutcome =
  | { kind: "clean" }
  | { kind: "listed"; codes: string[] }
  /** Spamhaus PBL (127.0.0.10/11): an end-user range, reported by dynamic-ip. */
  | { kind: "pbl"; codes: string[] }
  /** The list does not cover this address family (no IPv6 test entry). */
  | { kind: "unsupported" }
  | {
      kind: "error";
      reason:
        | "public-resolver"
        | "rate-limited"
        | "bad-query"
        | "unexpected"
        | "no-answer"
        | "no-test-entry"
        | "lists-everything";
      detail: string;
    };

/**
 * Decodes a blocklist's A answers. Spamhaus answers 127.255.255.252/254/255
 * for a malformed query, a query through a public resolver, and an over-limit
 * one: those say nothing about the address and must never read as a listing.
 */
export function decodeDnsblAnswer(addresses: string[]): DnsblOutcome {
  if (!addresses.length) return { kind: "clean" };
  const errorCodes: Record<string, "bad-query" | "public-resolver" | "rate-limited"> = {
    "127.255.255.252": "bad-query",
    "127.255.255.254": "public-resolver",
    "127.255.255.255": "rate-limited",
  };
  for (const a of addresses) {
    if (errorCodes[a]) return { kind: "error", reason: errorCodes[a], detail: a };
    if (a.startsWith("127.255.255.")) return { kind: "error", reason: "unexpected", detail: a };
    // A listing is always in 127.0.0.0/8: anything else is a resolver rewriting NXDOMAIN.
    if (!a.startsWith("127.")) return { kind: "error", reason: "unexpected", detail: a };
  }
  const listed = addresses.filter((a) => a !== "127.0.0.10" && a !== "127.0.0.11");
  if (listed.length) return { kind: "listed", codes: addresses };
  return { kind: "pbl", codes: addresses };
}

export interface DnsblResult {
  ip: string;
  zone: string;
  query: string;
  outcome: DnsblOutcome;
}

/** RFC 5782 §5: every DNSxL lists 127.0.0.2 (and ::FFFF:7F00:2 if it covers IPv6) and never 127.0.0.1. */
const TEST_LISTED = { 4: "127.0.0.2", 6: "::ffff:7f00:2" } as const;
const TEST_UNLISTED = "127.0.0.1";

type ZoneHealth = { ok: true; ipv6: boolean } | { ok: false; outcome: DnsblOutcome };

async function ask(ctx: CheckContext, query: string): Promise<DnsblOutcome> {
  try {
    const res = await ctx.resolve(query, "A");
    if (res.rcode === "NXDOMAIN") return { kind: "clean" };
    if (res.rcode !== "NOERROR") return { kind: "error", reason: "no-answer", detail: res.rcode };
    return decodeDnsblAnswer(res.answers.filter((r) => r.type === "A").map((r) => String(r.data)));
  } catch (e) {
    return { kind: "error", reason: "no-answer", detail: errorMessage(e) };
  }
}

/**
 * Whether a blocklist answers sanely through this resolver: its test entry is
 * listed and 127.0.0.1 is not. Without that, "not listed" could mean the list
 * is gone, the resolver filters it, or it answers everyone the same.
 */
async function zoneHealth(ctx: CheckContext, zone: string): Promise<ZoneHealth> {
  const [listed, unlisted, listed6] = await Promise.all([
    ask(ctx, `${reversedLabels(TEST_LISTED[4])}.${zone}`),
    ask(ctx, `${reversedLabels(TEST_UNLISTED)}.${zone}`),
    ask(ctx, `${reversedLabels(TEST_LISTED[6])}.${zone}`),
  ]);
  if (listed.kind === "error") return { ok: false, outcome: listed };
  if (listed.kind === "clean")
    return { ok: false, outcome: { kind: "error", reason: "no-test-entry", detail: TEST_LISTED[4] } };
  if (unlisted.kind !== "clean")
    return {
      ok: false,
      outcome:
        unlisted.kind === "error" ? unlisted : { kind: "error", reason: "lists-everything", detail: TEST_UNLISTED },
    };
  return { ok: true, ipv6: listed6.kind === "listed" || listed6.kind === "pbl" };
}

/** Asks every configured blocklist about every address of the setup (cached: dnsbl and dynamic-ip share the questions). */
export async function lookupBlocklists(ctx: CheckContext): Promise<DnsblResult[]> {
  const zones = new Map(await Promise.all(ctx.config.dnsbl.map(async (z) => [z, await zoneHealth(ctx, z)] as const)));
  const pairs = ctx
    .ownAddresses()
    .flatMap((ip) => ctx.config.dnsbl.map((zone) => ({ ip, zone, query: `${reversedLabels(ip)}.${zone}` })));
  return Promise.all(
    pairs.map(async (p): Promise<DnsblResult> => {
      const health = zones.get(p.zone)!;
      if (!health.ok) return { ...p, outcome: health.outcome };
      if (p.ip.includes(":") && !health.ipv6) return { ...p, outcome: { kind: "unsupported" } };
      return { ...p, outcome: await ask(ctx, p.query) };
    }),
  );
}
