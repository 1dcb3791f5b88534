import { describe, expect, it } from "vitest";
import { parseStoredDocument, roleMailboxOf, setupInputSchema, setupJsonSchema, withoutSecrets } from "./schema";

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

describe("addresses that must deliver (issue 10)", () => {
  const doc = {
    domain: "example.test",
    ipv4: "192.0.2.1",
    adminEmail: "admin@example.test",
    mailboxes: [{ address: "ana@example.test" }, { address: "bob@example.test" }],
  };
  const issues = (input: object) => {
    const r = setupInputSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("sends role mail to the chosen mailbox, else the first one, else an admin address outside the domain", () => {
    expect(roleMailboxOf(setupInputSchema.parse(doc))).toBe("ana@example.test");
    expect(roleMailboxOf(setupInputSchema.parse({ ...doc, roleMailbox: "Bob@example.test" }))).toBe("bob@example.test");
    expect(roleMailboxOf(setupInputSchema.parse({ ...doc, mailboxes: [], adminEmail: "me@else.test" }))).toBe(
      "me@else.test",
    );
    expect(roleMailboxOf(setupInputSchema.parse({ ...doc, mailboxes: [] }))).toBeNull();
  });

  it("refuses a role mailbox or an alias target in the domain that is not a mailbox (it would bounce)", () => {
    expect(issues({ ...doc, roleMailbox: "admin@example.test" })).toEqual(["roleMailbox:roleMailbox"]);
    expect(issues({ ...doc, roleMailbox: "me@else.test" })).toEqual([]);
    expect(
      issues({
        ...doc,
        aliases: [
          { from: "abuse@example.test", to: "admin@example.test" },
          { from: "info@example.test", to: "sales@example.test" },
          { from: "sales@example.test", to: "bob@example.test" },
          { from: "fwd@example.test", to: "someone@else.test" },
        ],
      }),
    ).toEqual(["aliases.0.to:aliasTarget"]);
  });

  it("reads a stored document made before these rules", () => {
    const old = JSON.stringify({ ...doc, aliases: [{ from: "abuse@example.test", to: "admin@example.test" }] });
    expect(parseStoredDocument(old).aliases).toHaveLength(1);
  });

  it("normalises a relay fingerprint, and asks for one when the relay is an IP", () => {
    const relay = { mode: "relay", host: "smtp.relay.test", username: "u" };
    const fp = "ab".repeat(32);
    const parsed = setupInputSchema.parse({ ...doc, delivery: { ...relay, tlsFingerprint: fp } });
    expect(parsed.delivery).toMatchObject({ tlsFingerprint: Array(32).fill("AB").join(":") });
    expect(issues({ ...doc, delivery: { ...relay, tlsFingerprint: "12:34" } })).toEqual([
      "delivery.tlsFingerprint:fingerprint",
    ]);
    expect(issues({ ...doc, delivery: { ...relay, host: "198.51.100.7" } })).toEqual([
      "delivery.tlsFingerprint:relayIpNeedsFingerprint",
    ]);
    expect(issues({ ...doc, delivery: { ...relay, host: "198.51.100.7", tlsFingerprint: fp } })).toEqual([]);
  });

  it("keeps POP3S and greylisting off unless chosen", () => {
    const parsed = setupInputSchema.parse(doc);
    expect(parsed.pop3s).toBe(false);
    expect(parsed.inbound).toEqual({ greylisting: false });
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
