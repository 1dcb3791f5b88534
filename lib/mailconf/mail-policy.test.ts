import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dkimKey, mailInputs, setupDocument } from "@/test/mail/fixtures";
import { postfixMainParameters } from "./postfix-main-cf";
import { effectiveAliases, renderTlsPolicy, unicodeAliases } from "./postfix-maps";
import { rspamdDkimKey } from "./rspamd-conf";

describe("role addresses", () => {
  it("routes postmaster@, abuse@, root@, the report and admin addresses to the role mailbox, keeping the setup's own routes", () => {
    const doc = setupDocument("direct-v4-rsa", {
      adminEmail: "hostmaster@example.test",
      dmarc: { policy: "reject", reportEmail: "reports@example.test" },
      roleMailbox: "bob@example.test",
      aliases: [{ from: "abuse@example.test", to: "alice@example.test" }],
    });
    expect(effectiveAliases(mailInputs("direct-v4-rsa", { doc }))).toEqual([
      { from: "abuse@example.test", to: "alice@example.test" },
      { from: "postmaster@example.test", to: "bob@example.test" },
      { from: "root@example.test", to: "bob@example.test" },
      { from: "reports@example.test", to: "bob@example.test" },
      { from: "hostmaster@example.test", to: "bob@example.test" },
    ]);
  });

  it("lists each address of an international domain in its Unicode form too, one by one (no catch-all)", () => {
    const inputs = mailInputs("idn-extras");
    const unicode = unicodeAliases(inputs);
    expect(unicode).toContainEqual({ from: "alice@élodie-mail.test", to: "alice@xn--lodie-mail-96a.test" });
    expect(unicode).toContainEqual({ from: "postmaster@élodie-mail.test", to: "postmaster@xn--lodie-mail-96a.test" });
    expect(unicode.some((a) => a.from.startsWith("@"))).toBe(false);
    expect(unicodeAliases(mailInputs("direct-v4-rsa"))).toEqual([]);
  });
});

describe("the relay's certificate", () => {
  it("must be valid for the relay's name, or match the pinned fingerprint", () => {
    const fp = Array(32).fill("AB").join(":");
    const byName = mailInputs("relay-587");
    expect(renderTlsPolicy(byName)).toBe("[smtp.relay.test]:587 secure match=smtp.relay.test\n");
    expect(new Map(postfixMainParameters(byName)).get("smtp_tls_security_level")).toBe("secure");
    const pinned = mailInputs("relay-465", {
      doc: setupDocument("relay-465", {
        delivery: { mode: "relay", host: "smtp.relay.test", port: 465, username: "u", tlsFingerprint: fp },
      }),
    });
    expect(renderTlsPolicy(pinned)).toBe(`[smtp.relay.test]:465 fingerprint match=${fp}\n`);
    expect(new Map(postfixMainParameters(pinned)).get("smtp_tls_security_level")).toBe("fingerprint");
    expect(renderTlsPolicy(mailInputs("direct-v4-rsa"))).toBeNull();
  });
});

describe("rspamd's DKIM keys", () => {
  it("writes an Ed25519 key as seed ‖ public key (base64), RSA as PEM", () => {
    const ed = dkimKey("ed25519");
    const raw = Buffer.from(
      rspamdDkimKey({ selector: "pw1e", algorithm: "ed25519", privateKeyPem: ed.privateKeyPem }),
      "base64",
    );
    expect(raw).toHaveLength(64);
    const spki = createPublicKey(ed.privateKeyPem).export({ type: "spki", format: "der" });
    expect(raw.subarray(32).equals(spki.subarray(-32))).toBe(true);
    const rsa = dkimKey("rsa-2048").privateKeyPem;
    expect(rspamdDkimKey({ selector: "pw1", algorithm: "rsa-2048", privateKeyPem: rsa })).toBe(rsa);
  });
});
