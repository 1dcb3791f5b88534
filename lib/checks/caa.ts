import "server-only";
import { caaIssuer } from "@/lib/setup/derived";
import type { DnsRecord, Lookup } from "@/lib/net/dns-client";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { verdict, type Verdict } from "./verdict";
import { normalName } from "@/lib/setup/derived";

/** The "issue" properties of a CAA set: the CA's domain (lower case, "" for ";") and its accounturi, if any. */
function issueProperties(records: DnsRecord[]): { domain: string; accounturi?: string }[] {
  return records
    .filter((r) => r.type === "CAA" && String(r.data.tag).toLowerCase() === "issue")
    .map((r) => {
      const [domain, ...params] = String(r.data.value)
        .split(";")
        .map((p) => p.trim());
      const accounturi = params.map((p) => /^accounturi=(.+)$/i.exec(p)?.[1]).find(Boolean);
      return { domain: domain.toLowerCase(), accounturi };
    });
}

export function judgeCaa(records: DnsRecord[], expected: string | null, name: string): Verdict {
  const issuers = issueProperties(records).map((i) => i.domain);
  if (!issuers.length) return verdict("pass", "caa.absent", { name });
  if (!expected) return verdict("warn", "caa.unknownCa", { name, found: issuers.join(", ") }, "caa.unknownCaFix");
  if (issuers.includes(expected)) return verdict("pass", "caa.pass", { name, ca: expected });
  return verdict(
    "fail",
    "caa.otherCa",
    { name, found: issuers.map((i) => i || ";").join(", "), ca: expected },
    "caa.fix",
    { name, ca: expected },
  );
}

/** CAA is absent, or allows the certificate authority the setup uses. */
export const caaCheck: Check = {
  id: "caa",
  run(ctx) {
    const expected = caaIssuer(ctx.setup);
    // Certificates are for the mail hostname and mta-sts.DOMAIN, both under the domain: its CAA set applies unless they have their own.
    return checkEverywhere(ctx, ctx.setup.domain, "CAA", (records) => judgeCaa(records, expected, ctx.setup.domain));
  },
};

export interface CaaPermission {
  name: string;
  /** Where the relevant CAA set was found (the name itself or a parent), or null when none. */
  foundAt: string | null;
  records: string[];
  allowed: boolean | "unknown";
  reason: string;
  /** i18n key and values (messages/certificate.json "preflight") */
  code: string;
  params: Record<string, string>;
}

/**
 * Whether a CA may issue for `name` (RFC 8659): the CAA set that applies is
 * the first non-empty one walking up the tree; when it has "issue" records,
 * one must name the CA (and, with accounturi, this account). The ACME
 * preflight asks this before every order.
 */
export async function caaPermits(
  lookup: Lookup,
  name: string,
  caIdentities: string[],
  accountUri?: string | null,
): Promise<CaaPermission> {
  let at = normalName(name);
  const found = (p: Omit<CaaPermission, "name" | "foundAt">): CaaPermission => ({ name, foundAt: at, ...p });
  while (at.includes(".")) {
    const reply = await lookup(at, "CAA");
    if (reply.rcode !== "NOERROR" && reply.rcode !== "NXDOMAIN") {
      return found({
        records: [],
        allowed: false,
        reason: `the CAA lookup for ${at} failed (${reply.rcode}); CAs refuse to issue when CAA cannot be read`,
        code: "caaLookupFailed",
        params: { at, rcode: reply.rcode },
      });
    }
    const caa = reply.answers.filter((a) => a.type === "CAA");
    if (caa.length > 0) {
      const records = caa.map((c) => `${c.data.flags ?? 0} ${c.data.tag} "${c.data.value}"`);
      const issue = issueProperties(caa);
      if (issue.length === 0)
        return found({
          records,
          allowed: true,
          reason: "the CAA records there do not restrict issuance",
          code: "caaOpen",
          params: { at },
        });
      if (caIdentities.length === 0)
        return found({
          records,
          allowed: "unknown",
          reason: `CAA at ${at} limits which CAs may issue, and this CA does not say which name it uses in CAA`,
          code: "caaUnknownCa",
          params: { at },
        });
      const mine = issue.filter((i) => caIdentities.includes(i.domain));
      if (mine.length === 0) {
        const allowed = issue.map((i) => i.domain || "no CA").join(", ");
        return found({
          records,
          allowed: false,
          reason: `CAA at ${at} allows only ${allowed}, not ${caIdentities.join(" or ")}`,
          code: "caaForbids",
          params: { at, allowed: issue.map((i) => i.domain || "-").join(", "), ca: caIdentities.join(", ") },
        });
      }
      const ca = caIdentities[0];
      if (mine.every((i) => i.accounturi) && !accountUri)
        return found({
          records,
          allowed: "unknown",
          reason: `CAA at ${at} allows ${ca} only for one ACME account (accounturi), and this setup has no account with it yet`,
          code: "caaAccountUnknown",
          params: { at, ca },
        });
      if (mine.every((i) => i.accounturi && accountUri && i.accounturi !== accountUri))
        return found({
          records,
          allowed: false,
          reason: `CAA at ${at} allows ${ca} only for another ACME account (accounturi)`,
          code: "caaOtherAccount",
          params: { at, ca },
        });
      return found({
        records,
        allowed: true,
        reason: `CAA at ${at} allows ${mine[0].domain}`,
        code: "caaAllows",
        params: { at, ca: mine[0].domain },
      });
    }
    at = at.slice(at.indexOf(".") + 1);
  }
  return {
    name,
    foundAt: null,
    records: [],
    allowed: true,
    reason: "no CAA records: every CA may issue",
    code: "caaNone",
    params: { name },
  };
}
