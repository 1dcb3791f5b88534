import "server-only";
import type { Check } from "./check";
import { lookupBlocklists, type DnsblOutcome } from "./dnsbl-lookup";
import type { CheckDetail, CheckStatus } from "./result";
import { verdict } from "./verdict";

const statusOf: Record<DnsblOutcome["kind"], CheckStatus> = {
  clean: "pass",
  pbl: "pass",
  listed: "fail",
  error: "error",
  unsupported: "skip",
};

function describe(o: DnsblOutcome): string {
  switch (o.kind) {
    case "clean":
      return "not listed";
    case "pbl":
      return `${o.codes.join(", ")}: end-user range (see dynamic-ip)`;
    case "listed":
      return `listed: ${o.codes.join(", ")}`;
    case "error":
      return `${o.reason}: ${o.detail}`;
    case "unsupported":
      return "this list does not cover IPv6 (no IPv6 test entry): not asked";
  }
}

/** Each address against each configured blocklist, with the return codes decoded. */
export const dnsblCheck: Check = {
  id: "dnsbl",
  needs: ["resolver"],
  async run(ctx) {
    if (!ctx.ownAddresses().length) return { verdict: verdict("skip", "dnsbl.noAddress"), details: [] };
    const results = await lookupBlocklists(ctx);
    const details: CheckDetail[] = results.map((r) => ({
      source: r.zone,
      query: `A ${r.query}`,
      answer: [describe(r.outcome)],
      status: statusOf[r.outcome.kind],
    }));
    const listed = results.find((r) => r.outcome.kind === "listed");
    const relay = ctx.setup.delivery.mode === "relay";
    if (listed)
      return {
        verdict: verdict(
          relay ? "warn" : "fail",
          "dnsbl.listed",
          { ip: listed.ip, zone: listed.zone },
          "dnsbl.listedFix",
          { ip: listed.ip, zone: listed.zone },
        ),
        details,
      };
    const failed = results.find((r) => r.outcome.kind === "error");
    if (failed && failed.outcome.kind === "error") {
      const keys: Partial<Record<string, string>> = {
        "public-resolver": "dnsbl.publicResolver",
        "rate-limited": "dnsbl.rateLimited",
        "no-test-entry": "dnsbl.noTestEntry",
        "lists-everything": "dnsbl.listsEverything",
      };
      const key = keys[failed.outcome.reason] ?? "dnsbl.error";
      return {
        verdict: verdict("error", key, { zone: failed.zone, code: failed.outcome.detail }, "dnsbl.errorFix", {
          zone: failed.zone,
        }),
        details,
      };
    }
    if (results.every((r) => r.outcome.kind === "unsupported"))
      return { verdict: verdict("skip", "dnsbl.noneCovers"), details };
    return { verdict: verdict("pass", "dnsbl.pass", { count: ctx.config.dnsbl.length }), details };
  },
};
