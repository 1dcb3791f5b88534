// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acmeDeps } from "./rig/acme-deps";
import { cliAcmeFlags, startAcmeWorld, type AcmeWorld } from "./rig/acme-world";
import { db } from "@/lib/db";
import { startOrder } from "@/lib/acme/start-order";
import { advanceOrder } from "@/lib/acme/order-machine";
import { orderView } from "@/lib/acme/order-view";
import { saveSetup } from "@/lib/setup/store";
import { cliProcess } from "./rig/cli-process";
import { waitFor } from "./rig/ports";

describe("a CA that reuses a recent valid authorization (Let's Encrypt does)", () => {
  let world: AcmeWorld;
  beforeAll(async () => {
    world = await startAcmeWorld({ dynamic: [], twoNs: ["reuse.test", "cli-reuse.test"], authzReuse: 100 });
  });
  afterAll(async () => {
    await world?.stop();
    tempDb.remove();
  });

  const publish = (domain: string, lines: string[]) => {
    world.ns1.update(domain, lines);
    world.ns2.update(domain, lines);
  };
  const mailOrder = (setupId: string, domain: string) => ({
    setupId,
    names: [`mail.${domain}`],
    directoryUrl: world.pebble.directoryUrl,
    email: `admin@${domain}`,
    method: "dns-01-manual" as const,
    termsOfServiceAgreed: true,
    caaIdentities: ["pebble.test"],
  });
  /** A certificate for mail.<domain> by DNS-01 by hand, the records on both nameservers: the account now holds that proof. */
  async function certifyMailByHand(setupId: string, domain: string) {
    const deps = acmeDeps(world);
    const first = await startOrder(mailOrder(setupId, domain), deps);
    if (first.status !== "started") throw new Error(JSON.stringify(first));
    const waiting = await advanceOrder(first.order.id, deps);
    publish(
      domain,
      waiting.data.challenges.map((c) => `update add ${c.txtName}. 60 TXT "${c.txtValue}"`),
    );
    expect((await advanceOrder(first.order.id, deps)).state).toBe("done");
  }

  it("a second order by hand needs no new TXT record and completes at once", async () => {
    const setupId = (await db.setup.create({ data: { domain: "reuse.test", document: "{}" } })).id;
    const deps = acmeDeps(world);
    await certifyMailByHand(setupId, "reuse.test");

    // The records are gone; the CA still remembers the proof.
    publish("reuse.test", [`update delete _acme-challenge.mail.reuse.test. TXT`]);
    const second = await startOrder(mailOrder(setupId, "reuse.test"), deps);
    if (second.status !== "started") throw new Error(JSON.stringify(second));
    const done = await advanceOrder(second.order.id, deps);
    expect(done.state, JSON.stringify(done.data.problem)).toBe("done");
    expect(done.data.challenges).toMatchObject([{ identifier: "mail.reuse.test", alreadyValid: true }]);
    expect(orderView(done).challenges).toEqual([]);
    expect(orderView(done).alreadyValid).toEqual(["mail.reuse.test"]);
    expect(await db.certificate.count({ where: { setupId } })).toBe(2);
  });

  it("the CLI says which names need no record and asks only for the others", async () => {
    const saved = await saveSetup({ domain: "cli-reuse.test", adminEmail: "admin@cli-reuse.test", ipv4: "192.0.2.10" });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    // The account (this CA, this e-mail) proves mail.cli-reuse.test first, for a certificate of that name only.
    await certifyMailByHand(saved.setup.id, "cli-reuse.test");

    // The setup's certificate has four names: the CLI asks for three records and says why not the fourth.
    const run = cliProcess(
      [
        "cert",
        "cli-reuse.test",
        "--directory",
        world.pebble.directoryUrl,
        ...cliAcmeFlags(world),
        "--agree-tos",
        "--force",
        "--poll-seconds",
        "0.2",
      ],
      tempDb.url,
    );
    await waitFor(
      "three TXT records to publish",
      () => ((run.out().match(/value: \S+\n/g) ?? []).length >= 3 ? true : undefined),
      30_000,
    );
    expect(run.out()).not.toContain("undefined");
    publish(
      "cli-reuse.test",
      [...run.out().matchAll(/name:\s+(\S+)\n\s+value: (\S+)/g)].map((m) => `update add ${m[1]}. 60 TXT "${m[2]}"`),
    );
    expect(await run.done, run.out()).toBe(0);
    const out = run.out();
    expect(out).toContain("mail.cli-reuse.test: the CA already holds a recent proof, no record to add.");
    expect([...out.matchAll(/name:\s+(\S+)/g)].map((m) => m[1])).toEqual([
      "_acme-challenge.mta-sts.cli-reuse.test",
      "_acme-challenge.autoconfig.cli-reuse.test",
      "_acme-challenge.autodiscover.cli-reuse.test",
    ]);
    expect(out).not.toContain("undefined");
    expect(out).toMatch(/Certificate for mail\.cli-reuse\.test, mta-sts\.cli-reuse\.test/);
  }, 120_000);
});
