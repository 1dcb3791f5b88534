import { describe, expect, it } from "vitest";
import { setupInputSchema, withoutSecrets, type SetupInput } from "@/lib/setup/schema";
import { buildDnsPlan } from "./plan";
import type { PlanDkimKey } from "./record";

const doc = (input: Partial<SetupInput> = {}) =>
  withoutSecrets(
    setupInputSchema.parse({ domain: "example.com", ipv4: "192.0.2.10", adminEmail: "me@example.com", ...input }),
  );
const rsa: PlanDkimKey = { selector: "pw1", algorithm: "rsa-2048", publicKey: "MIIBIjAN", status: "active" };
const find = (plan: ReturnType<typeof buildDnsPlan>, purpose: string) =>
  plan.records.filter((r) => r.purpose === purpose);

describe("buildDnsPlan", () => {
  it("lists every record of a direct setup", () => {
    const plan = buildDnsPlan(doc({ ipv6: "2001:db8::10" }), { dkimKeys: [rsa] });
    const rows = plan.records.map((r) => `${r.name} ${r.type} ${r.value}`);
    expect(rows).toContain("mail.example.com A 192.0.2.10");
    expect(rows).toContain("mail.example.com AAAA 2001:db8::10");
    expect(rows).toContain("example.com MX 10 mail.example.com.");
    expect(rows).toContain("example.com TXT v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 -all");
    expect(rows).toContain("mail.example.com TXT v=spf1 a -all");
    expect(rows).toContain("pw1._domainkey.example.com TXT v=DKIM1; k=rsa; p=MIIBIjAN");
    expect(rows).toContain("_dmarc.example.com TXT v=DMARC1; p=quarantine; rua=mailto:postmaster@example.com");
    expect(rows).toContain("_smtp._tls.example.com TXT v=TLSRPTv1; rua=mailto:postmaster@example.com");
    expect(rows).toContain(`_mta-sts.example.com TXT v=STSv1; id=${plan.mtaSts?.id}`);
    expect(rows).toContain("mta-sts.example.com CNAME mail.example.com.");
    expect(rows).toContain("_submissions._tcp.example.com SRV 0 1 465 mail.example.com.");
    expect(rows).toContain("_submission._tcp.example.com SRV 0 1 587 mail.example.com.");
    expect(rows).toContain("_imaps._tcp.example.com SRV 0 1 993 mail.example.com.");
    expect(rows).toContain("_imap._tcp.example.com SRV 0 0 0 .");
    expect(rows).toContain("_pop3._tcp.example.com SRV 0 0 0 .");
    expect(rows).toContain("autoconfig.example.com CNAME mail.example.com.");
    expect(rows).toContain('example.com CAA 0 issue "letsencrypt.org"');
    expect(find(plan, "ptr").map((r) => [r.name, r.value, r.where])).toEqual([
      ["10.2.0.192.in-addr.arpa", "mail.example.com.", "isp"],
      ["0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "mail.example.com.", "isp"],
    ]);
    expect(find(plan, "tlsa")).toEqual([]);
    expect(plan.notices).toEqual([]);
  });

  it("names the relay in SPF: include when known, address for an IP, a: otherwise with a notice", () => {
    // A relay named by IP is trusted by its certificate's fingerprint (issue 10).
    const relay = (host: string) =>
      doc({ delivery: { mode: "relay", host, port: 587, username: "u", tlsFingerprint: "ab".repeat(32) } });
    expect(
      find(buildDnsPlan(relay("smtp.relay.net"), { dkimKeys: [rsa], relayInclude: "spf.relay.net" }), "spf")[0].value,
    ).toBe("v=spf1 ip4:192.0.2.10 include:spf.relay.net -all");
    expect(find(buildDnsPlan(relay("198.51.100.7"), { dkimKeys: [rsa] }), "spf")[0].value).toBe(
      "v=spf1 ip4:192.0.2.10 ip4:198.51.100.7 -all",
    );
    const guessed = buildDnsPlan(relay("smtp.relay.net"), { dkimKeys: [rsa] });
    expect(find(guessed, "spf")[0].value).toBe("v=spf1 ip4:192.0.2.10 a:smtp.relay.net -all");
    expect(guessed.notices).toContain("relay-include-unknown");
    const stored = doc({
      delivery: { mode: "relay", host: "smtp.relay.net", port: 587, username: "u", spfInclude: "Spf.Relay.NET" },
    });
    expect(stored.delivery).toMatchObject({ spfInclude: "spf.relay.net" });
    const fromDoc = buildDnsPlan(stored, { dkimKeys: [rsa] });
    expect(find(fromDoc, "spf")[0].value).toBe("v=spf1 ip4:192.0.2.10 include:spf.relay.net -all");
    expect(fromDoc.notices).not.toContain("relay-include-unknown");
  });

  it("publishes ed25519 and retiring keys, never retired ones", () => {
    const plan = buildDnsPlan(doc(), {
      dkimKeys: [
        { ...rsa, status: "retiring" },
        {
          selector: "pw1e",
          algorithm: "ed25519",
          publicKey: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
          status: "retired",
        },
        { ...rsa, selector: "pw2", publicKey: "MIIBnew" },
        { selector: "pw2e", algorithm: "ed25519", publicKey: "ED", status: "active" },
      ],
    });
    expect(
      [...find(plan, "dkim"), ...find(plan, "dkim-retiring")].map((r) => `${r.name} ${r.level} ${r.value}`),
    ).toEqual([
      "pw2._domainkey.example.com required v=DKIM1; k=rsa; p=MIIBnew",
      "pw2e._domainkey.example.com recommended v=DKIM1; k=ed25519; p=ED",
      "pw1._domainkey.example.com required v=DKIM1; k=rsa; p=MIIBIjAN",
    ]);
  });

  it("handles a mail host at the apex, outside the domain, or clashing with a CNAME", () => {
    const apex = buildDnsPlan(doc({ hostname: "example.com" }), { dkimKeys: [rsa] });
    expect(apex.records.filter((r) => r.name === "example.com" && r.value.startsWith("v=spf1"))).toHaveLength(1);
    const outside = buildDnsPlan(doc({ hostname: "mx.other.net" }), { dkimKeys: [rsa] });
    expect(outside.notices).toContain("hostname-outside-domain");
    const clash = buildDnsPlan(doc({ hostname: "autoconfig.example.com" }), { dkimKeys: [rsa] });
    expect(clash.records.filter((r) => r.name === "autoconfig.example.com").map((r) => r.type)).toEqual(["A", "TXT"]);
  });

  it("asks the report domain for authorization when it is another domain", () => {
    const plan = buildDnsPlan(doc({ dmarc: { policy: "reject", reportEmail: "dmarc@reports.example.net" } }), {
      dkimKeys: [rsa],
    });
    expect(find(plan, "dmarc-report-authorization").map((r) => `${r.name} ${r.value}`)).toEqual([
      "example.com._report._dmarc.reports.example.net v=DMARC1",
    ]);
  });

  it("offers TLSA only on a signed zone, CAA with the account, none for an unknown CA", () => {
    const tlsa = { spkiSha256: ["AB".repeat(32)] };
    expect(find(buildDnsPlan(doc(), { dkimKeys: [rsa], tlsa }), "tlsa")).toEqual([]);
    expect(buildDnsPlan(doc(), { dkimKeys: [rsa], tlsa }).notices).toContain("tlsa-needs-dnssec");
    expect(
      find(buildDnsPlan(doc(), { dkimKeys: [rsa], tlsa, dnssec: true }), "tlsa").map((r) => `${r.name} ${r.value}`),
    ).toEqual([`_25._tcp.mail.example.com 3 1 1 ${"ab".repeat(32)}`]);
    const caa = buildDnsPlan(doc(), {
      dkimKeys: [rsa],
      caa: { issuer: "letsencrypt.org", accountUri: "https://acme-v02.api.letsencrypt.org/acme/acct/1" },
    });
    expect(find(caa, "caa")[0].value).toBe(
      '0 issue "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1"',
    );
    const hostile = buildDnsPlan(doc(), {
      dkimKeys: [rsa],
      caa: { issuer: "letsencrypt.org", accountUri: 'https://x/"; issuewild "evil.example' },
    });
    expect(find(hostile, "caa")[0].value).toBe('0 issue "letsencrypt.org"');
    expect(
      find(buildDnsPlan(doc(), { dkimKeys: [rsa], dnssec: true, tlsa: { spkiSha256: ["zz\nbad"] } }), "tlsa"),
    ).toEqual([]);
    const custom = buildDnsPlan(doc({ acme: { directory: "https://localhost:14000/dir" } }), { dkimKeys: [rsa] });
    expect(find(custom, "caa")).toEqual([]);
    expect(custom.notices).toContain("no-caa-issuer");
  });

  it("leaves MTA-STS out when it is off", () => {
    const plan = buildDnsPlan(doc({ mtaSts: { mode: "none" } }), { dkimKeys: [rsa] });
    expect(plan.mtaSts).toBeNull();
    expect(find(plan, "mta-sts")).toEqual([]);
  });
});
