import { describe, expect, it } from "vitest";
import { countSpfLookups } from "@/lib/checks/spf-lookups";
import { spfRecord } from "@/lib/dns/spf-record";
import { postfixMainParameters } from "@/lib/mailconf/postfix-main-cf";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { parseProviderDkim, presetDkimRecords } from "./provider-dkim";
import { findRelayPreset, presetHost, relayPresets } from "./presets";
import { relayAlignment } from "./relay-alignment";

describe("relay presets", () => {
  it("each one is complete, sourced, and consistent about TLS", () => {
    expect(relayPresets.length).toBeGreaterThanOrEqual(13);
    expect(new Set(relayPresets.map((p) => p.id)).size).toBe(relayPresets.length);
    for (const p of relayPresets) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      for (const s of p.sources) expect(s, p.id).toMatch(/^https:\/\/\S+$/);
      expect(p.tls === "implicit", p.id).toBe(p.port === 465);
      const host = presetHost(p, p.regions?.[0]);
      expect(host, p.id).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
      if (p.spfInclude) expect(p.spfInclude, p.id).toMatch(/^[a-z0-9_.-]+\.[a-z]{2,}$/);
    }
    expect(presetHost(findRelayPreset("amazon-ses")!, "eu-west-3")).toBeNull();
    expect(presetHost(findRelayPreset("amazon-ses")!, "eu-west-1")).toBe("email-smtp.eu-west-1.amazonaws.com");
  });

  it("assembles the SPF record: the provider's include, costing one lookup of our own", async () => {
    for (const p of relayPresets) {
      const record = spfRecord({
        ipv4: "192.0.2.10",
        relayHost: presetHost(p, p.regions?.[0])!,
        relayInclude: p.spfInclude,
      });
      const own = await countSpfLookups(record, async () => []);
      if (p.spfInclude) {
        expect(record, p.id).toBe(`v=spf1 ip4:192.0.2.10 include:${p.spfInclude} -all`);
        expect(own, p.id).toBe(1);
      } else expect(record, p.id).toMatch(/^v=spf1 ip4:192\.0\.2\.10 a:\S+ -all$/);
    }
  });

  it("renders the Postfix relay parameters the preset needs", () => {
    for (const p of relayPresets) {
      const host = presetHost(p, p.regions?.[0])!;
      const doc = withoutSecrets(
        setupInputSchema.parse({
          domain: "example.test",
          ipv4: "192.0.2.10",
          adminEmail: "owner@example.org",
          delivery: { mode: "relay", host, port: p.port, username: "user@example.test", password: "secret" },
        }),
      );
      const params = new Map(postfixMainParameters({ doc, dkimKeys: [], mailboxes: [], relayPassword: "secret" }));
      expect(params.get("relayhost"), p.id).toBe(`[${host}]:${p.port}`);
      expect(params.get("smtp_tls_wrappermode"), p.id).toBe(p.tls === "implicit" ? "yes" : undefined);
      expect(params.get("smtp_sasl_auth_enable"), p.id).toBe("yes");
      expect(params.get("smtp_tls_security_level"), p.id).not.toBe("may");
    }
  });

  it("fills the provider's DKIM records from the domain, and reads what the user pastes", () => {
    expect(presetDkimRecords(findRelayPreset("fastmail")!, "example.test")[0]).toEqual({
      name: "fm1._domainkey",
      type: "CNAME",
      value: "fm1.example.test.dkim.fmhosted.com",
    });
    expect(presetDkimRecords(findRelayPreset("microsoft365")!, "example.test", { tenant: "contoso" })[1].value).toBe(
      "selector2-example-test._domainkey.contoso.onmicrosoft.com",
    );
    const { records, problems } = parseProviderDkim(
      [
        "abc123._domainkey CNAME abc123.dkim.amazonses.com.",
        'mail._domainkey TXT "k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDe"',
        "{selector}._domainkey TXT {value}",
        "x._domainkey CNAME not a host",
        'y._domainkey TXT "v=DKIM1; p=abc" ; evil',
        "garbage",
      ].join("\n"),
    );
    expect(records).toEqual([
      { name: "abc123._domainkey", type: "CNAME", value: "abc123.dkim.amazonses.com" },
      { name: "mail._domainkey", type: "TXT", value: "k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDe" },
    ]);
    expect(problems.map((p) => p.problem)).toEqual(["placeholder", "cname", "txt", "syntax"]);
  });

  it("says which of SPF and DKIM can align in relay mode", () => {
    expect(relayAlignment({ host: "smtp-relay.brevo.com", preset: "brevo", spfInclude: "spf.brevo.com" })).toEqual({
      spf: "spfProviderDomain",
      dkim: "dkimOwn",
    });
    expect(
      relayAlignment({
        host: "smtp.fastmail.com",
        preset: "fastmail",
        spfInclude: "spf.messagingengine.com",
        providerDkim: [{}],
      }),
    ).toEqual({
      spf: "spfAligns",
      dkim: "dkimOwnAndProvider",
    });
    expect(relayAlignment({ host: "smtp.isp.example" }).spf).toBe("spfHostOnly");
    expect(relayAlignment({ host: "smtp.isp.example", spfInclude: "spf.isp.example" }).spf).toBe(
      "spfAlignsIfEnvelopeKept",
    );
  });
});

describe("the Setup document's relay", () => {
  const base = { domain: "example.test", ipv4: "192.0.2.10", adminEmail: "owner@example.org" };
  const relay = {
    mode: "relay",
    host: "email-smtp.eu-west-1.amazonaws.com",
    port: 587,
    username: "AKIAEXAMPLE",
    password: "s",
  };
  it("keeps the preset, its region and the provider's DKIM records, and refuses what does not fit", () => {
    const doc = withoutSecrets(
      setupInputSchema.parse({
        ...base,
        delivery: {
          ...relay,
          preset: "amazon-ses",
          region: "eu-west-1",
          providerDkim: [{ name: "tok1._domainkey", type: "CNAME", value: "tok1.dkim.amazonses.com." }],
        },
      }),
    );
    expect(doc.delivery).toMatchObject({
      preset: "amazon-ses",
      region: "eu-west-1",
      providerDkim: [{ name: "tok1._domainkey", type: "CNAME", value: "tok1.dkim.amazonses.com" }],
    });
    const issues = (d: object) =>
      setupInputSchema.safeParse({ ...base, delivery: { ...relay, ...d } }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ preset: "amazon-ses" })).toEqual(["relayRegion"]);
    expect(issues({ preset: "sendmail-cloud" })).toEqual(["relayPreset"]);
    expect(issues({ providerDkim: [{ name: "x._domainkey", type: "TXT", value: "p=abc\nevil" }] })).toEqual([
      "providerDkim",
    ]);
  });
});

describe("every preset fits the Setup document", () => {
  it("its include and host pass the schema", () => {
    for (const p of relayPresets) {
      const r = setupInputSchema.safeParse({
        domain: "example.test",
        ipv4: "192.0.2.10",
        adminEmail: "owner@example.org",
        delivery: {
          mode: "relay",
          preset: p.id,
          region: p.regions?.[0],
          host: presetHost(p, p.regions?.[0]),
          port: p.port,
          username: "user@example.test",
          password: "s",
          spfInclude: p.spfInclude,
        },
      });
      expect(r.error?.issues ?? [], p.id).toEqual([]);
    }
  });
});
