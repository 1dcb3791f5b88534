import "server-only";
import type { CheckContext } from "./check-context";
import { reversedLabels } from "./reverse-name";
import { errorMessage } from "./verdict";

export type DnsblOutcome =
  | { kind: "clean" }
  | { kind: "listed"; codes: string[] }
  /** Spamhaus PBL (127.0.0.10/11): an end-user range, reported by dynamic-ip. */
  | { kind: "pbl"; codes: string[] }
  | {
      kind: "error";
      reason: "public-resolver" | "rate-limited" | "bad-query" | "unexpected" | "no-answer";
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

/** Asks every configured blocklist about every address of the setup (cached: dnsbl and dynamic-ip share the questions). */
export async function lookupBlocklists(ctx: CheckContext): Promise<DnsblResult[]> {
  const pairs = ctx
    .ownAddresses()
    .flatMap((ip) => ctx.config.dnsbl.map((zone) => ({ ip, zone, query: `${reversedLabels(ip)}.${zone}` })));
  return Promise.all(
    pairs.map(async (p): Promise<DnsblResult> => {
      try {
        const res = await ctx.resolve(p.query, "A");
        if (res.rcode === "NXDOMAIN") return { ...p, outcome: { kind: "clean" } };
        if (res.rcode !== "NOERROR")
          return { ...p, outcome: { kind: "error", reason: "no-answer", detail: res.rcode } };
        return {
          ...p,
          outcome: decodeDnsblAnswer(res.answers.filter((r) => r.type === "A").map((r) => String(r.data))),
        };
      } catch (e) {
        return { ...p, outcome: { kind: "error", reason: "no-answer", detail: errorMessage(e) } };
      }
    }),
  );
}
