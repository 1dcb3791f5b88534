import "server-only";
import { createHash, X509Certificate } from "node:crypto";
import type { Check } from "./check";
import type { DnsRecord } from "@/lib/net/dns-client";
import { formatHostPort } from "@/lib/net/host-port";
import { formatRecord } from "./records";
import { errorMessage, errorRef, verdict } from "./verdict";

/** Whether one TLSA record (usage 2/3, any selector and matching type) matches one of the chain's certificates. */
export function tlsaMatches(record: DnsRecord, chainPem: string): boolean {
  const pems = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const certs = pems.map((p) => new X509Certificate(p));
  const { usage, selector, matchingType } = record.data;
  const candidates = usage === 3 || usage === 1 ? certs.slice(0, 1) : certs.slice(1);
  const want = Buffer.from(record.data.certificate).toString("hex");
  return candidates.some((c) => {
    const data = selector === 1 ? c.publicKey.export({ type: "spki", format: "der" }) : c.raw;
    const got =
      matchingType === 0
        ? data
        : createHash(matchingType === 2 ? "sha512" : "sha256")
            .update(data)
            .digest();
    return Buffer.from(got).toString("hex") === want;
  });
}

/** When DANE is offered (TLSA at _25._tcp.HOST), it needs DNSSEC and must match the certificate. */
export const tlsaCheck: Check = {
  id: "tlsa",
  needs: ["nameservers"],
  async run(ctx) {
    const name = `_25._tcp.${ctx.setup.hostname}`;
    const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
    try {
      const res = await ctx.resolve(name, "TLSA", true);
      const records = res.answers.filter((r) => r.type === "TLSA");
      const details = [
        { source, query: `TLSA ${name}`, answer: records.length ? records.map(formatRecord) : [res.rcode] },
      ];
      if (!records.length) return { verdict: verdict("skip", "tlsa.none", { name }), details };
      if (!res.ad)
        return { verdict: verdict("fail", "tlsa.noDnssec", { name }, "tlsa.noDnssecFix", { name }), details };
      const pem = ctx.input.certificatePem;
      if (!pem) return { verdict: verdict("warn", "tlsa.noCertificate", { name }, "tlsa.noCertificateFix"), details };
      if (records.some((r) => tlsaMatches(r, pem))) return { verdict: verdict("pass", "tlsa.pass", { name }), details };
      return { verdict: verdict("fail", "tlsa.mismatch", { name }, "tlsa.mismatchFix", { name }), details };
    } catch (e) {
      return {
        verdict: verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix"),
        details: [{ source, note: errorMessage(e), noteRef: errorRef(e), status: "error" }],
      };
    }
  },
};
