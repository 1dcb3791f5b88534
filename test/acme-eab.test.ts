// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acmeDeps } from "./rig/acme-deps";
import { startAcmeWorld, type AcmeWorld } from "./rig/acme-world";
import { db } from "@/lib/db";
import { startOrder } from "@/lib/acme/start-order";
import { advanceOrder } from "@/lib/acme/order-machine";

describe("External Account Binding (a CA that requires it, as ZeroSSL does)", () => {
  let world: AcmeWorld;
  const eab = { kid: "kid-postwright", hmacKey: randomBytes(32).toString("base64url") };
  beforeAll(async () => {
    world = await startAcmeWorld({ dynamic: ["eab.test"], twoNs: [], eab });
  });
  afterAll(async () => {
    await world?.stop();
    tempDb.remove();
  });

  it("asks for the EAB key first, then registers with it and issues", async () => {
    const setupId = (await db.setup.create({ data: { domain: "eab.test", document: "{}" } })).id;
    const deps = acmeDeps(world);
    const input = {
      setupId,
      names: ["mail.eab.test"],
      directoryUrl: world.pebble.directoryUrl,
      email: "admin@eab.test",
      method: "dns-01-rfc2136" as const,
      termsOfServiceAgreed: true,
      caaIdentities: ["pebble.test"],
      rfc2136: { server: `${world.ns1.address}:${world.ns1.port}`, key: world.ns1.tsig },
    };
    expect(await startOrder(input, deps)).toMatchObject({ status: "refused", reason: "eab" });
    const started = await startOrder({ ...input, eab }, deps);
    if (started.status !== "started") throw new Error(JSON.stringify(started));
    const done = await advanceOrder(started.order.id, deps);
    expect(done.state, JSON.stringify(done.data.problem)).toBe("done");
    // The HMAC key is sealed, never stored in the order.
    expect(JSON.stringify(done.data)).not.toContain(eab.hmacKey);
    expect(await db.secret.count({ where: { kind: "acme-eab-hmac" } })).toBe(1);
  });
});
