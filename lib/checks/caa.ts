import "server-only";
import { caaIssuerFor } from "@/lib/dns/caa-issuer";
import type { Check } from "./check";
import type { DnsRecord } from "./dns-client";
import { checkEverywhere } from "./propagation";
import { verdict, type Verdict } from "./verdict";

export function judgeCaa(records: DnsRecord[], expected: string | null, name: string): Verdict {
  const issuers = records
    .filter((r) => r.type === "CAA" && String(r.data.tag).toLowerCase() === "issue")
    .map((r) => String(r.data.value).split(";")[0].trim().toLowerCase());
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
    const expected = caaIssuerFor(ctx.setup.acme.directory);
    // Certificates are for the mail hostname and mta-sts.DOMAIN, both under the domain: its CAA set applies unless they have their own.
    return checkEverywhere(ctx, ctx.setup.domain, "CAA", (records) => judgeCaa(records, expected, ctx.setup.domain));
  },
};
