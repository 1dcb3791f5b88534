// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAcmeWorld, type AcmeWorld } from "./rig/acme-world";
import { db } from "@/lib/db";
import { dnsQuery } from "@/lib/net/dns-client";
import { startOrder } from "@/lib/acme/start-order";
import { advanceOrder } from "@/lib/acme/order-machine";
import { orderView } from "@/lib/acme/order-view";

describe("a CA that reuses a recent valid authorization (Let's Encrypt does)", () => {
  let world: AcmeWorld;
  beforeAll(async () => {
    world = await startAcmeWorld({ dynamic: [], twoNs: ["reuse.test"], authzReuse: 100 });
  });
  afterAll(async () => {
    await world?.stop();
    tempDb.remove();
  });

  it("a second order by hand needs no new TXT record and completes at once", async () => {
    const setupId = (await db.setup.create({ data: { domain: "reuse.test", document: "{}" } })).id;
    const deps = {
      dns: dnsQuery,
      resolvers: [{ host: world.ns1.address, port: world.ns1.port }],
      nameserverPort: world.ns1.port,
      httpPort: world.pebble.httpPort,
      caPem: world.pebble.listenerCaPem,
    };
    const input = {
      setupId,
      names: ["mail.reuse.test"],
      directoryUrl: world.pebble.directoryUrl,
      email: "admin@reuse.test",
      method: "dns-01-manual" as const,
      termsOfServiceAgreed: true,
      caaIdentities: ["pebble.test"],
    };
    const first = await startOrder(input, deps);
    if (first.status !== "started") throw new Error(JSON.stringify(first));
    const waiting = await advanceOrder(first.order.id, deps);
    const lines = waiting.data.challenges.map((c) => `update add ${c.txtName}. 60 TXT "${c.txtValue}"`);
    world.ns1.update("reuse.test", lines);
    world.ns2.update("reuse.test", lines);
    expect((await advanceOrder(first.order.id, deps)).state).toBe("done");

    // The records are gone; the CA still remembers the proof.
    world.ns1.update("reuse.test", [`update delete _acme-challenge.mail.reuse.test. TXT`]);
    world.ns2.update("reuse.test", [`update delete _acme-challenge.mail.reuse.test. TXT`]);
    const second = await startOrder(input, deps);
    if (second.status !== "started") throw new Error(JSON.stringify(second));
    const done = await advanceOrder(second.order.id, deps);
    expect(done.state, JSON.stringify(done.data.problem)).toBe("done");
    expect(done.data.challenges).toMatchObject([{ identifier: "mail.reuse.test", alreadyValid: true }]);
    expect(orderView(done).challenges).toEqual([]);
    expect(await db.certificate.count({ where: { setupId } })).toBe(2);
  });
});
