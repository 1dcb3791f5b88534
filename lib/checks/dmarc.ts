import "server-only";
import type { Lookup } from "@/lib/net/dns-client";
import type { Check } from "./check";
import { checkEverywhere, inDomain } from "./propagation";
import { parseTags, txtStrings } from "./records";
import { verdict, type Verdict } from "./verdict";

/** The report addresses of a rua= value that receivers can use (mailto: URIs, RFC 7489 §6.4), with their domains. */
export function reportAddresses(rua: string | undefined): { uri: string; domain: string }[] {
  return (rua ?? "")
    .split(",")
    .map((u) => u.trim())
    .map((uri) => ({ uri, m: /^mailto:[^@\s,;!]+@([^@\s,;!]+)(?:![0-9]+[kmgt]?)?$/i.exec(uri) }))
    .filter((x) => x.m)
    .map((x) => ({ uri: x.uri, domain: x.m![1].toLowerCase().replace(/\.$/, "") }));
}

/**
 * Whether `receiver` accepts DMARC reports about `domain` (RFC 7489 §7.1): a
 * TXT record starting with v=DMARC1 at DOMAIN._report._dmarc.RECEIVER (or a
 * wildcard there, which DNS expands).
 */
async function authorizes(lookup: Lookup, domain: string, receiver: string): Promise<boolean> {
  const res = await lookup(`${domain}._report._dmarc.${receiver}`, "TXT");
  return txtStrings(res).some((t) => /^v=DMARC1\s*(;|$)/i.test(t.trim()));
}

export async function judgeDmarc(texts: string[], domain: string, lookup: Lookup): Promise<Verdict> {
  const records = texts.filter((t) => /^v=DMARC1\s*(;|$)/i.test(t.trim()));
  if (!records.length) return verdict("fail", "dmarc.missing", { domain }, "dmarc.fix", { domain });
  if (records.length > 1) return verdict("fail", "dmarc.multiple", { domain }, "dmarc.fix", { domain });
  const tags = parseTags(records[0]);
  const p = tags.get("p")?.toLowerCase();
  if (!p || !["none", "quarantine", "reject"].includes(p))
    return verdict("fail", "dmarc.syntax", { domain }, "dmarc.fix", { domain });
  if (p === "none") return verdict("warn", "dmarc.none", { domain }, "dmarc.noneFix");
  const pct = tags.has("pct") ? Number(tags.get("pct")) : 100;
  if (Number.isFinite(pct) && pct < 100)
    return verdict("warn", "dmarc.pct", { domain, pct, policy: p }, "dmarc.pctFix", { domain });
  const reports = reportAddresses(tags.get("rua"));
  if (!reports.length) return verdict("warn", "dmarc.noRua", { domain }, "dmarc.noRuaFix", { domain });
  const external = reports.filter((r) => !inDomain(r.domain, domain));
  const ok = await Promise.all(external.map((r) => authorizes(lookup, domain, r.domain)));
  const refused = external.find((_, i) => !ok[i]);
  if (refused)
    return verdict(
      "warn",
      "dmarc.externalUnauthorized",
      { domain, receiver: refused.domain },
      "dmarc.externalUnauthorizedFix",
      { domain, receiver: refused.domain },
    );
  return verdict("pass", "dmarc.pass", { domain, policy: p });
}

/** One DMARC record (CNAMEs followed) that enforces a policy, with reports a receiver will actually send. */
export const dmarcCheck: Check = {
  id: "dmarc",
  needs: ["nameservers"],
  run(ctx) {
    const domain = ctx.setup.domain;
    return checkEverywhere(ctx, `_dmarc.${domain}`, "TXT", (records, _res, lookup) =>
      judgeDmarc(
        records.filter((r) => r.type === "TXT").map((r) => (r.data as Buffer[]).map((b) => b.toString()).join("")),
        domain,
        lookup,
      ),
    );
  },
};
