import "server-only";
import type { CaaData } from "dns-packet";
import { resolve, type DnsContext } from "./authoritative-dns";

export interface CaaVerdict {
  name: string;
  /** Where the relevant CAA set was found (the name itself or a parent), or null when none. */
  foundAt: string | null;
  records: string[];
  allowed: boolean | "unknown";
  reason: string;
  /** i18n key and values for the page (messages/certificate.json "preflight") */
  code: string;
  params: Record<string, string>;
}

const parseIssue = (value: string) => {
  const [domain, ...params] = value.split(";").map((p) => p.trim());
  const accounturi = params.map((p) => /^accounturi=(.+)$/i.exec(p)?.[1]).find(Boolean);
  return { domain: domain.toLowerCase(), accounturi };
};

/**
 * RFC 8659: the CAA set that applies to `name` is the first non-empty one
 * walking up the tree; when it has "issue" records, one must name the CA
 * (and, with accounturi, this account).
 */
export async function checkCaa(
  ctx: DnsContext,
  name: string,
  caIdentities: string[],
  accountUri?: string | null,
): Promise<CaaVerdict> {
  let candidate = name.replace(/\.$/, "").toLowerCase();
  while (candidate.includes(".")) {
    const reply = await resolve(ctx, candidate, "CAA");
    if (reply.rcode !== "NOERROR" && reply.rcode !== "NXDOMAIN") {
      return {
        name,
        foundAt: candidate,
        records: [],
        allowed: false,
        reason: `the CAA lookup for ${candidate} failed (${reply.rcode}); CAs refuse to issue when CAA cannot be read`,
        code: "caaLookupFailed",
        params: { at: candidate, rcode: reply.rcode },
      };
    }
    const caa = reply.answers.filter((a) => a.type === "CAA").map((a) => a.data as CaaData);
    if (caa.length > 0) {
      const records = caa.map((c) => `${c.flags ?? 0} ${c.tag} "${c.value}"`);
      const issue = caa.filter((c) => c.tag === "issue").map((c) => parseIssue(c.value));
      if (issue.length === 0)
        return {
          name,
          foundAt: candidate,
          records,
          allowed: true,
          reason: "the CAA records there do not restrict issuance",
          code: "caaOpen",
          params: { at: candidate },
        };
      if (caIdentities.length === 0) {
        return {
          name,
          foundAt: candidate,
          records,
          allowed: "unknown",
          reason: `CAA at ${candidate} limits which CAs may issue, and this CA does not say which name it uses in CAA`,
          code: "caaUnknownCa",
          params: { at: candidate },
        };
      }
      const mine = issue.filter((i) => caIdentities.includes(i.domain));
      if (mine.length === 0) {
        return {
          name,
          foundAt: candidate,
          records,
          allowed: false,
          reason: `CAA at ${candidate} allows only ${issue.map((i) => i.domain || "no CA").join(", ")}, not ${caIdentities.join(" or ")}`,
          code: "caaForbids",
          params: { at: candidate, allowed: issue.map((i) => i.domain || "-").join(", "), ca: caIdentities.join(", ") },
        };
      }
      if (mine.every((i) => i.accounturi) && !accountUri) {
        return {
          name,
          foundAt: candidate,
          records,
          allowed: "unknown",
          reason: `CAA at ${candidate} allows ${caIdentities[0]} only for one ACME account (accounturi), and this setup has no account with it yet`,
          code: "caaAccountUnknown",
          params: { at: candidate, ca: caIdentities[0] },
        };
      }
      const boundElsewhere = mine.every((i) => i.accounturi && accountUri && i.accounturi !== accountUri);
      if (boundElsewhere) {
        return {
          name,
          foundAt: candidate,
          records,
          allowed: false,
          reason: `CAA at ${candidate} allows ${caIdentities[0]} only for another ACME account (accounturi)`,
          code: "caaOtherAccount",
          params: { at: candidate, ca: caIdentities[0] },
        };
      }
      return {
        name,
        foundAt: candidate,
        records,
        allowed: true,
        reason: `CAA at ${candidate} allows ${mine[0].domain}`,
        code: "caaAllows",
        params: { at: candidate, ca: mine[0].domain },
      };
    }
    candidate = candidate.slice(candidate.indexOf(".") + 1);
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
