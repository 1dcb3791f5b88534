import { tempDbDir } from "@/test/temp-db";
import { execSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveSetup } from "@/lib/setup/store";
import { ensureDkimKeys } from "@/lib/dkim/dkim-keys";
import { zoneSerial } from "@/lib/dns/zone-serial";
import { selfSignedCertificate } from "@/test/mail/fixtures";
import { loadDnsPlan } from "./load-dns-plan";

afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

describe("loadDnsPlan", () => {
  it("publishes the ACME account in CAA and the certificate's key in TLSA (on a signed zone)", async () => {
    const saved = await saveSetup({ domain: "load.example", ipv4: "192.0.2.90", adminEmail: "a@load.example" });
    if (!saved.ok) throw new Error(saved.reason);
    const setup = saved.setup;
    expect((await loadDnsPlan(setup)).notices).toContain("no-dkim-keys");
    await ensureDkimKeys(setup.id, setup.document);
    const first = await loadDnsPlan(setup);
    expect(first.records.find((r) => r.type === "CAA")?.value).toBe('0 issue "letsencrypt.org"');
    expect(first.records.filter((r) => r.purpose === "dkim")).toHaveLength(1);

    const accountUrl = "https://acme-v02.api.letsencrypt.org/acme/acct/987654";
    await db.acmeAccount.create({
      data: {
        directoryUrl: "https://acme-v02.api.letsencrypt.org/directory",
        email: "a@load.example",
        accountUrl,
        secretId: "x",
      },
    });
    const { chainPem } = selfSignedCertificate(["mail.load.example"]);
    const expected = execSync(
      "openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -r",
      {
        input: chainPem,
        encoding: "utf8",
      },
    ).split(" ")[0];
    await db.certificate.create({
      data: {
        setupId: setup.id,
        names: "mail.load.example",
        issuer: "test",
        chainPem,
        secretId: "x",
        notBefore: new Date(),
        notAfter: new Date(Date.now() + 86_400_000),
      },
    });

    const plan = await loadDnsPlan(setup, { dnssec: true });
    expect(plan.records.find((r) => r.type === "CAA")?.value).toBe(
      `0 issue "letsencrypt.org; accounturi=${accountUrl}"`,
    );
    expect(plan.records.find((r) => r.type === "TLSA")).toMatchObject({
      name: "_25._tcp.mail.load.example",
      value: `3 1 1 ${expected}`,
    });
    expect((await loadDnsPlan(setup)).notices).toContain("tlsa-needs-dnssec");
    // The same DKIM key every time.
    expect(plan.records.find((r) => r.purpose === "dkim")?.value).toBe(
      first.records.find((r) => r.purpose === "dkim")?.value,
    );
  });

  it("numbers zone serials by the hour", () => {
    expect(zoneSerial(new Date("2026-11-28T01:30:00Z"))).toBe(2026112801);
  });
});
