import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { buildDnsPlan, type DnsPlanInput } from "./plan";
import { renderRecordsJson } from "./records-json";
import { renderZoneFile } from "./zone-file";

// Update with UPDATE_GOLDEN=1 after an intended change, and review the diff.
// Fixed test keys (public halves only: the plan needs nothing else), so the output is stable.
const RSA_A =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkzPrAxHa9wuEejC3WBaEHhL1P5sRvP4T5c4wgHxgFeOyxg+jiGfFsoXxjZpTagBQcZF0vLjNi7EZVUi2Pjbqc1r4lVpPMK9H1m0EccBy54wc6Zk46lAR0gTtBdmECspuARQ/ULDea+dZZLK/FL7BN91AiZA+w7qwdLCEsH+IHFxOUD3W/u6LczA+8VjGAwPks1T4+Z4OTzA7CQk6MezssBQELpl88CeaEPqjnDHSUsMPq+hFy6LbaS2zeVP/1cmmL19S9v3zx2//lwXMFHtgD/2Tsvbg6JtWcLaGM86SxmiJlrS1rR1Nx9GlCS0c1KCqkdcSCzou/np+7RNZvq1W8QIDAQAB";
const ED_A = "sudIK5kY4Mvhs/+rl2MsNgZqQ1+o/kbInCYcvqfX0QU=";
const RSA_B =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAofz/9WxNDEabf0zumroJ1NhO/j7Sfr6zuMEt7NJdxDhlVxRpiSiMQphnNW9ZKwdKQkQSaccnmrQ0HAhh1PqiN9L2oz2VybzXsN4BMxNl1fO9ebsm7PodocrK0xCY67qYuK+RzDFc3hDZH0kta26u5Styr0g9VPSJVNT4rvuC3K92n+MfNXkllVDWYYnAKjtFQ+PMVSwsDFWLbIq7FgUDo6mEIRUX+BcKdgiDYHCLqZsxik8GOxdhAk7S8kSRdrNM9dpaArfrfmnZXN+uDcqSo+25a2lJ17jNIEm1XlPQ6a+gAEgeRwzuI7bgX8pNDYgeC2AObR+qmuYMhX5QFUymQQIDAQAB";

const examples: { name: string; input: unknown; plan: DnsPlanInput }[] = [
  {
    name: "direct-dual-stack",
    input: {
      domain: "example.com",
      ipv4: "192.0.2.25",
      ipv6: "2001:db8:25::1",
      adminEmail: "admin@example.com",
      dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
      dmarc: { policy: "reject" },
      mtaSts: { mode: "enforce" },
    },
    plan: {
      dkimKeys: [
        { selector: "pw1", algorithm: "rsa-2048", publicKey: RSA_A, status: "active" },
        { selector: "pw1e", algorithm: "ed25519", publicKey: ED_A, status: "active" },
      ],
      caa: { issuer: "letsencrypt.org", accountUri: "https://acme-v02.api.letsencrypt.org/acme/acct/123456" },
    },
  },
  {
    name: "relay-international",
    input: {
      domain: "bücher.example",
      hostname: "courrier.bücher.example",
      ipv4: "198.51.100.40",
      adminEmail: "anna@bücher.example",
      delivery: { mode: "relay", host: "smtp.relay.example", port: 587, username: "anna" },
      dkim: { selector: "home" },
      dmarc: { policy: "quarantine", reportEmail: "dmarc@reports.example.net" },
      acme: { directory: "zerossl" },
    },
    plan: {
      dkimKeys: [
        { selector: "home", algorithm: "rsa-2048", publicKey: RSA_A, status: "retiring" },
        { selector: "home2", algorithm: "rsa-2048", publicKey: RSA_B, status: "active" },
      ],
      relayInclude: "spf.relay.example",
      dnssec: true,
      tlsa: { spkiSha256: ["8c1a3e1f2b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab"] },
    },
  },
];

const golden = (file: string, actual: string) => {
  const p = path.join(import.meta.dirname, "__golden__", file);
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(p, actual);
  expect(actual).toBe(fs.readFileSync(p, "utf8"));
};

describe("golden DNS plans", () => {
  for (const ex of examples) {
    it(`pins the zone file and JSON of ${ex.name}`, () => {
      const plan = buildDnsPlan(withoutSecrets(setupInputSchema.parse(ex.input)), ex.plan);
      golden(`${ex.name}.zone`, renderZoneFile(plan.records, { origin: plan.origin, serial: 2026112801 }));
      golden(`${ex.name}.json`, renderRecordsJson(plan));
    });
  }
});
