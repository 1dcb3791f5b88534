import "server-only";
import { caaIssuer, certificateNames, normalName } from "@/lib/setup/derived";
import type { DnsRecord, Lookup } from "@/lib/net/dns-client";
import type { Check } from "./check";
import { checkEverywhere, followCnames } from "./propagation";
import { verdict } from "./verdict";

/** Property tags a CA understands (RFC 8659 §4, RFC 9495 contactemail/contactphone, RFC 9495/BIMI issuemail/issuevmc). */
const KNOWN_TAGS = new Set(["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuemail", "issuevmc"]);

/** The "issue" properties of a CAA set: the CA's domain (lower case, "" for ";") and its parameters (RFC 8659 §4.2). */
function issueProperties(records: DnsRecord[]): { domain: string; params: Map<string, string> }[] {
  return records
    .filter((r) => r.type === "CAA" && String(r.data.tag).toLowerCase() === "issue")
    .map((r) => {
      const [domain, ...rest] = String(r.data.value)
        .split(";")
        .map((p) => p.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const i = p.indexOf("=");
        if (i > 0) params.set(p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim());
      }
      return { domain: domain.toLowerCase().replace(/\.$/, ""), params };
    });
}

/** The ACME challenge type a setup's method uses (RFC 8657 §4 names them as ACME does). */
export function acmeValidationMethod(challenge: string): string {
  return challenge === "http-01" ? "http-01" : "dns-01";
}

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
  opts: { method?: string } = {},
): Promise<CaaPermission> {
  let at = normalName(name);
  const found = (p: Omit<CaaPermission, "name" | "foundAt">): CaaPermission => ({ name, foundAt: at, ...p });
  while (at.includes(".")) {
    const first = await lookup(at, "CAA");
    // An alias's CAA set is its target's (the resolver follows the CNAME); the walk still climbs from the alias.
    const { records: followed, res: reply } =
      first.rcode === "NOERROR" ? await followCnames(first, at, "CAA", lookup) : { records: [], res: first };
    if (reply.rcode !== "NOERROR" && reply.rcode !== "NXDOMAIN") {
      return found({
        records: [],
        allowed: false,
        reason: `the CAA lookup for ${at} failed (${reply.rcode}); CAs refuse to issue when CAA cannot be read`,
        code: "caaLookupFailed",
        params: { at, rcode: reply.rcode },
      });
    }
    const caa = followed.filter((a) => a.type === "CAA");
    if (caa.length > 0) {
      const records = caa.map((c) => `${c.data.flags ?? 0} ${c.data.tag} "${c.data.value}"`);
      // RFC 8659 §4.1: a critical property the CA does not understand forbids issuance.
      const critical = caa.find(
        (c) => (Number(c.data.flags) & 128) !== 0 && !KNOWN_TAGS.has(String(c.data.tag).toLowerCase()),
      );
      if (critical)
        return found({
          records,
          allowed: false,
          reason: `CAA at ${at} has a critical property (${critical.data.tag}) that CAs do not understand: none may issue`,
          code: "caaCritical",
          params: { at, tag: String(critical.data.tag) },
        });
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
      // RFC 8657: validationmethods limits how the CA may validate; accounturi, which ACME account may order.
      const method = opts.method;
      const methodOk = (i: (typeof mine)[number]) =>
        !method ||
        !i.params.has("validationmethods") ||
        i.params
          .get("validationmethods")!
          .split(",")
          .map((m) => m.trim().toLowerCase())
          .includes(method);
      if (method && !mine.some(methodOk))
        return found({
          records,
          allowed: false,
          reason: `CAA at ${at} lets ${ca} validate only by ${mine.map((i) => i.params.get("validationmethods")).join(", ")}, not ${method}`,
          code: "caaMethod",
          params: { at, ca, methods: mine.map((i) => i.params.get("validationmethods")).join(", "), method },
        });
      const usable = mine.filter(methodOk).map((i) => ({ domain: i.domain, accounturi: i.params.get("accounturi") }));
      if (usable.every((i) => i.accounturi) && !accountUri)
        return found({
          records,
          allowed: "unknown",
          reason: `CAA at ${at} allows ${ca} only for one ACME account (accounturi), and this setup has no account with it yet`,
          code: "caaAccountUnknown",
          params: { at, ca },
        });
      if (usable.every((i) => i.accounturi && accountUri && i.accounturi !== accountUri))
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
        reason: `CAA at ${at} allows ${usable[0].domain}`,
        code: "caaAllows",
        params: { at, ca: usable[0].domain },
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

const codeKeys: Record<string, string> = {
  caaForbids: "caa.otherCa",
  caaCritical: "caa.critical",
  caaMethod: "caa.method",
  caaOtherAccount: "caa.otherAccount",
  caaAccountUnknown: "caa.accountUnknown",
  caaUnknownCa: "caa.unknownCa",
  caaLookupFailed: "caa.lookupFailed",
};

/**
 * For every name the certificate will cover, the CAA set that applies
 * (RFC 8659: the closest one up the tree, CNAMEs followed) lets the setup's
 * CA issue: no critical property it does not know, an issue property naming
 * it, and, where given, this ACME account and this validation method (RFC 8657).
 */
export const caaCheck: Check = {
  id: "caa",
  needs: ["nameservers"],
  run(ctx) {
    const ca = caaIssuer(ctx.setup);
    const names = certificateNames(ctx.setup);
    const method = acmeValidationMethod(ctx.setup.acme.challenge);
    return checkEverywhere(ctx, ctx.setup.domain, "CAA", async (_records, _res, lookup) => {
      const permits = await Promise.all(
        names.map((n) => caaPermits(lookup, n, ca ? [ca] : [], ctx.input.acmeAccountUri ?? null, { method })),
      );
      const refused = permits.find((p) => p.allowed === false);
      const doubtful = permits.find((p) => p.allowed === "unknown");
      const p = refused ?? doubtful;
      if (p) {
        const at = p.foundAt ?? p.name;
        const params = { name: at, ca: ca ?? "", found: p.params.allowed ?? "", ...p.params };
        return verdict(
          refused ? "fail" : "warn",
          codeKeys[p.code] ?? "caa.otherCa",
          params,
          `${codeKeys[p.code] ?? "caa.otherCa"}Fix`,
          params,
        );
      }
      if (permits.every((x) => x.foundAt === null)) return verdict("pass", "caa.absent", { name: names.join(", ") });
      return verdict("pass", "caa.pass", { name: names.join(", "), ca: ca ?? "" });
    });
  },
};
