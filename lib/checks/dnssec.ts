import "server-only";
import type { Check } from "./check";
import { formatHostPort } from "@/lib/net/host-port";
import { errorMessage, errorRef, verdict } from "./verdict";

/** The zone is signed and validates: the AD bit from a validating resolver. Unsigned is a skip: DNSSEC is optional (DANE needs it). */
export const dnssecCheck: Check = {
  id: "dnssec",
  needs: ["nameservers"],
  async run(ctx) {
    const domain = ctx.setup.domain;
    const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
    try {
      const [keys, soa, ds] = await Promise.all([
        ctx.resolve(domain, "DNSKEY", true),
        ctx.resolve(domain, "SOA", true),
        ctx.resolve(domain, "DS", true),
      ]);
      const hasKeys = keys.answers.some((r) => r.type === "DNSKEY");
      const hasDs = ds.answers.some((r) => r.type === "DS");
      const details = [
        {
          source,
          query: `DNSKEY ${domain}`,
          answer: [hasKeys ? `${keys.answers.filter((r) => r.type === "DNSKEY").length} keys` : keys.rcode],
        },
        { source, query: `DS ${domain}`, answer: [hasDs ? "present" : ds.rcode] },
        { source, query: `SOA ${domain} +dnssec`, answer: [`${soa.rcode}${soa.ad ? " AD" : ""}`] },
      ];
      if (soa.rcode === "SERVFAIL")
        return { verdict: verdict("fail", "dnssec.bogus", { domain }, "dnssec.bogusFix"), details };
      if (soa.ad) return { verdict: verdict("pass", "dnssec.pass", { domain }), details };
      if (!hasKeys && !hasDs) return { verdict: verdict("skip", "dnssec.unsigned", { domain }), details };
      if (hasKeys && !hasDs) return { verdict: verdict("warn", "dnssec.noDs", { domain }, "dnssec.noDsFix"), details };
      return { verdict: verdict("fail", "dnssec.notValidated", { domain }, "dnssec.bogusFix"), details };
    } catch (e) {
      return {
        verdict: verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix"),
        details: [{ source, note: errorMessage(e), noteRef: errorRef(e), status: "error" }],
      };
    }
  },
};
