import { describe, expect, it } from "vitest";
import { setupInputSchema, setupJsonSchema, withoutSecrets } from "./schema";

const base = { domain: "Bücher.Example.test", ipv4: "203.0.113.10", adminEmail: "me@example.org" };

describe("setupInputSchema", () => {
  it("stores international names in punycode and fills defaults", () => {
    const doc = setupInputSchema.parse(base);
    expect(doc.domain).toBe("xn--bcher-kva.example.test");
    expect(doc.hostname).toBe("mail.xn--bcher-kva.example.test");
    expect(doc.delivery).toEqual({ mode: "direct" });
    expect(doc.dkim).toEqual({ selector: "pw1", algorithms: ["rsa-2048"] });
    expect(doc.dmarc).toEqual({ policy: "quarantine", reportEmail: "postmaster@xn--bcher-kva.example.test" });
    expect(doc.mtaSts.mode).toBe("testing");
  });

  it("names the bad field", () => {
    const r = setupInputSchema.safeParse({ ...base, hostname: "mail..x", ipv4: "300.1.2.3" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(paths).toContain("hostname:hostname");
    expect(paths).toContain("ipv4:ipv4");
  });

  it("refuses private and CGNAT addresses, line breaks and foreign mailboxes", () => {
    const r = setupInputSchema.safeParse({
      ...base,
      ipv4: "100.64.0.1",
      mailboxes: [{ address: "a@other.test", password: "long enough pw" }],
      delivery: { mode: "relay", host: "smtp.relay.test", username: "u\nx", password: "p" },
    });
    const msgs = r.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(msgs).toContain("ipv4:ipv4NotPublic");
    expect(msgs).toContain("delivery.username:controlChars");
  });

  it("drops secrets", () => {
    const doc = setupInputSchema.parse({
      ...base,
      mailboxes: [{ address: "ana@bücher.example.test", password: "correct horse" }],
      delivery: { mode: "relay", host: "smtp.relay.test", username: "u", password: "secret" },
    });
    const clean = withoutSecrets(doc);
    expect(JSON.stringify(clean)).not.toContain("correct horse");
    expect(JSON.stringify(clean)).not.toContain("secret");
    expect(clean.mailboxes).toEqual([{ address: "ana@xn--bcher-kva.example.test" }]);
    expect(setupInputSchema.parse(clean)).toBeTruthy();
  });

  it("publishes a JSON Schema", () => {
    const s = setupJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(["domain", "hostname", "delivery", "mailboxes"]));
  });
});

describe("what the bundle would refuse is refused on input (one guard)", () => {
  const relay = (password: string) => ({
    ...base,
    delivery: { mode: "relay", host: "smtp.relay.test", username: "ana", password },
  });
  const messages = (input: unknown) => {
    const r = setupInputSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("relay passwords with C1 controls or edge spaces", () => {
    expect(messages(relay("pass\u0085word"))).toContain("delivery.password:controlChars");
    expect(messages(relay("pass\u009bword"))).toContain("delivery.password:controlChars");
    expect(messages(relay(" password"))).toContain("delivery.password:edgeSpaces");
    expect(messages(relay("password "))).toContain("delivery.password:edgeSpaces");
    expect(messages(relay("pass word"))).toEqual([]);
  });

  it("mailbox passwords past bcrypt's 72 bytes", () => {
    const mb = (password: string) => ({ ...base, mailboxes: [{ address: "a@bücher.example.test", password }] });
    expect(messages(mb("a".repeat(72)))).toEqual([]);
    expect(messages(mb("a".repeat(73)))).toContain("mailboxes.0.password:passwordBytes");
    expect(messages(mb("é".repeat(37)))).toContain("mailboxes.0.password:passwordBytes");
  });

  it("ACME directory names are the table's own keys, not inherited ones", () => {
    for (const directory of ["toString", "constructor", "__proto__", "hasOwnProperty"])
      expect(messages({ ...base, acme: { directory } })).toContain("acme.directory:acmeDirectory");
    expect(messages({ ...base, acme: { directory: "zerossl" } })).toEqual([]);
  });
});
