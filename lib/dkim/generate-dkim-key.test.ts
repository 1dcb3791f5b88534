import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateDkimKey } from "./generate-dkim-key";

describe("generateDkimKey", () => {
  it("makes RSA 2048 and Ed25519 keys whose p= is their public key", async () => {
    const rsa = await generateDkimKey("rsa-2048");
    const priv = createPrivateKey(rsa.privateKeyPem);
    expect(priv.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const pub = createPublicKey({ key: Buffer.from(rsa.publicKey, "base64"), format: "der", type: "spki" });
    const sig = sign("sha256", Buffer.from("x"), priv);
    expect(verify("sha256", Buffer.from("x"), pub, sig)).toBe(true);
    const ed = await generateDkimKey("ed25519");
    expect(ed.privateKeyPem).toContain("BEGIN PRIVATE KEY");
    expect(Buffer.from(ed.publicKey, "base64")).toHaveLength(32);
  });

  it("does not stall the event loop", async () => {
    let last = performance.now();
    let worst = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    const start = performance.now();
    await Promise.all([1, 2, 3, 4].map(() => generateDkimKey("rsa-2048")));
    const elapsed = performance.now() - start;
    clearInterval(timer);
    // Made synchronously, the worst gap would be the whole run; on a loaded machine, allow some noise.
    expect(worst).toBeLessThan(Math.max(elapsed / 2, 50));
  });
});
