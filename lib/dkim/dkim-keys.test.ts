import { tempDbDir } from "@/test/temp-db";
import fs from "node:fs";
import { Resolver } from "node:dns/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "mailauth";
import { dkimSign } from "mailauth/lib/dkim/sign";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { db } from "@/lib/db";
import { buildDnsPlan } from "@/lib/dns/plan";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { startBind, type BindServer } from "@/test/rig/bind";
import { DkimError, ensureDkimKeys, getDkimPrivateKeyPem, listDkimKeys, retireDkim, rotateDkim } from "./dkim-keys";
import { dkimPublicKeyValue } from "./generate-dkim-key";

const doc = withoutSecrets(
  setupInputSchema.parse({
    domain: "bücher.example",
    ipv4: "192.0.2.25",
    adminEmail: "admin@bücher.example",
    dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
  }),
);
const message = (from: string) =>
  [
    `From: Anna <${from}>`,
    "To: bob@example.net",
    "Subject: DKIM test",
    "Date: Sat, 28 Nov 2026 01:00:00 +0000",
    "Message-ID: <t1@bücher.example>",
    "",
    "Hello from home.",
    "",
  ].join("\r\n");

let setupId: string;
let bind: BindServer | undefined;
let serial = 1;

/** Publishes the current plan in BIND and returns a mailauth resolver that asks it. */
async function publish(): Promise<(name: string, rr: string) => Promise<unknown>> {
  const plan = buildDnsPlan(doc, { dkimKeys: await listDkimKeys(setupId) });
  const text = renderZoneFile(plan.records, { origin: plan.origin, serial: serial++ });
  if (!bind) bind = await startBind({ address: "127.0.11.1", zones: [{ name: plan.origin, text }] });
  else await bind.setZone({ name: plan.origin, text });
  const r = new Resolver();
  r.setServers([`${bind.address}:${bind.port}`]);
  return (name, rr) => r.resolve(name, rr as "TXT");
}

async function sign(selector: string, algorithm: "rsa-2048" | "ed25519") {
  const privateKey = await getDkimPrivateKeyPem(setupId, selector, algorithm);
  expect(privateKey).toBeTruthy();
  const msg = message(`anna@${doc.domain}`);
  const signed = await dkimSign(msg, {
    signatureData: [
      {
        signingDomain: doc.domain,
        selector,
        privateKey: privateKey!,
        algorithm: algorithm === "ed25519" ? "ed25519-sha256" : "rsa-sha256",
      },
    ],
    // Without it mailauth reads the clock twice for t= (see test/mail/foreign-world.ts) and a slow RSA signature can fail.
    signTime: new Date(),
  });
  expect(signed.errors).toEqual([]);
  return signed.signatures + msg;
}

beforeAll(async () => {
  setupId = (await db.setup.create({ data: { domain: doc.domain, document: JSON.stringify(doc) } })).id;
});
afterAll(async () => {
  await bind?.stop();
  fs.rmSync(tempDbDir, { recursive: true, force: true });
});

describe("DKIM keys", () => {
  it("makes one key per algorithm, once, sealed in lib/secrets", async () => {
    const keys = await ensureDkimKeys(setupId, doc);
    expect(keys.map((k) => [k.selector, k.algorithm, k.status])).toEqual([
      ["pw1", "rsa-2048", "active"],
      ["pw1e", "ed25519", "active"],
    ]);
    expect((await ensureDkimKeys(setupId, doc)).map((k) => k.publicKey)).toEqual(keys.map((k) => k.publicKey));
    for (const k of keys)
      expect(dkimPublicKeyValue((await getDkimPrivateKeyPem(setupId, k.selector, k.algorithm))!)).toBe(k.publicKey);
    const sealed = await db.secret.findMany({
      where: { setupId, kind: "dkim-private-key" },
      select: { ciphertext: true },
    });
    expect(sealed).toHaveLength(2);
    for (const s of sealed) expect(s.ciphertext).not.toContain("PRIVATE KEY");
    expect(Buffer.from(keys[1].publicKey, "base64")).toHaveLength(32);
  });

  it("signs with the stored keys; mailauth verifies both against the published records", async () => {
    const resolver = await publish();
    for (const [selector, algorithm] of [
      ["pw1", "rsa-2048"],
      ["pw1e", "ed25519"],
    ] as const) {
      const verified = await dkimVerify(await sign(selector, algorithm), { resolver });
      expect(verified.results.map((r: { status: { result: string } }) => r.status.result)).toEqual(["pass"]);
    }
    const auth = await authenticate(await sign("pw1", "rsa-2048"), {
      ip: "192.0.2.25",
      helo: doc.hostname,
      sender: `anna@${doc.domain}`,
      mta: "mx.example.net",
      resolver,
      disableArc: true,
      disableBimi: true,
    });
    expect(auth.dkim.results[0].status.result).toBe("pass");
    expect(auth.spf.status.result).toBe("pass");
    expect(auth.dmarc.status.result).toBe("pass");
  });

  it("rotates: new selector active, old one retiring and still verifying until retired", async () => {
    expect(await rotateDkim(setupId)).toBe("pw2");
    expect((await listDkimKeys(setupId)).map((k) => `${k.selector}/${k.status}`)).toEqual([
      "pw1/retiring",
      "pw1e/retiring",
      "pw2/active",
      "pw2e/active",
    ]);
    let resolver = await publish();
    for (const selector of ["pw1", "pw2"]) {
      const verified = await dkimVerify(await sign(selector, "rsa-2048"), { resolver });
      expect(verified.results[0].status.result).toBe("pass");
    }
    await expect(retireDkim(setupId, "pw2")).rejects.toThrow(DkimError);
    await expect(retireDkim(setupId, "nope")).rejects.toThrow("no-such-key");
    const oldSigned = await sign("pw1", "rsa-2048");
    await retireDkim(setupId, "pw1");
    expect(await getDkimPrivateKeyPem(setupId, "pw1", "rsa-2048")).toBeNull();
    expect(await db.secret.count({ where: { setupId, kind: "dkim-private-key" } })).toBe(2);
    resolver = await publish();
    const verified = await dkimVerify(oldSigned, { resolver });
    expect(verified.results[0].status.result).not.toBe("pass");
    // ensure keeps the rotated keys: the document's selector was used before.
    expect((await ensureDkimKeys(setupId, doc)).filter((k) => k.status === "active").map((k) => k.selector)).toEqual([
      "pw2",
      "pw2e",
    ]);
  });

  it("treats a new selector in the document as a rotation, and drops Ed25519 when no longer asked", async () => {
    const keys = await ensureDkimKeys(setupId, { ...doc, dkim: { selector: "home", algorithms: ["rsa-2048"] } });
    expect(keys.filter((k) => k.status === "active").map((k) => `${k.selector}/${k.algorithm}`)).toEqual([
      "home/rsa-2048",
    ]);
    expect(keys.filter((k) => k.status === "retiring").map((k) => k.selector)).toEqual(["pw2", "pw2e"]);
  });

  it("makes the keys once when asked twice at the same time", async () => {
    const other = (
      await db.setup.create({
        data: { domain: "twice.example", document: JSON.stringify({ ...doc, domain: "twice.example" }) },
      })
    ).id;
    const [a, b] = await Promise.all([ensureDkimKeys(other, doc), ensureDkimKeys(other, doc)]);
    expect(a.map((k) => k.publicKey)).toEqual(b.map((k) => k.publicKey));
    expect(await db.dkimKey.count({ where: { setupId: other } })).toBe(2);
    expect(await db.secret.count({ where: { setupId: other } })).toBe(2);
  });
});
