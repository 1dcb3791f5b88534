// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kdig } from "./rig/bind";
import { acmeDeps } from "./rig/acme-deps";
import { ACME_NET, startAcmeWorld, verifyWithPebbleRoot, zoneText, type AcmeWorld } from "./rig/acme-world";
import { db } from "@/lib/db";
import { startOrder } from "@/lib/acme/start-order";
import { advanceOrder } from "@/lib/acme/order-machine";
import { startHttpChallengeListener } from "@/lib/acme/http-challenge-listener";
import { getAcmeAccountUri, getCurrentCertificate, getRenewalSettings } from "@/lib/acme/certificate-store";
import { renewIfDue } from "@/lib/acme/renewal";
import { renewAllDue } from "@/lib/acme/renew-all-due";

describe("ACME issuance against Pebble with BIND on loopback", () => {
  let world: AcmeWorld;
  let deps: Parameters<typeof startOrder>[1] & Parameters<typeof advanceOrder>[1];
  const setupFor = async (domain: string) => (await db.setup.create({ data: { domain, document: "{}" } })).id;
  const input = (setupId: string, domain: string, method: "dns-01-manual" | "dns-01-rfc2136" | "http-01") => ({
    setupId,
    names: [`mail.${domain}`, `mta-sts.${domain}`],
    directoryUrl: world.pebble.directoryUrl,
    email: `admin@${domain}`,
    method,
    termsOfServiceAgreed: true,
    caaIdentities: ["pebble.test"],
  });

  beforeAll(async () => {
    world = await startAcmeWorld({
      dynamic: ["auto.test", "web.test", "crash.test"],
      twoNs: ["hand.test"],
      extra: [{ name: "nope.test", text: zoneText("nope.test", 1, '@ IN CAA 0 issue "letsencrypt.org"') }],
    });
    deps = acmeDeps(world);
  });
  afterAll(async () => {
    await world?.stop();
    tempDb.remove();
  });

  it("issues with DNS-01 through RFC 2136 (TSIG), the chain verifying against Pebble's root", async () => {
    const setupId = await setupFor("auto.test");
    const started = await startOrder(
      {
        ...input(setupId, "auto.test", "dns-01-rfc2136"),
        rfc2136: { server: `${world.ns1.address}:${world.ns1.port}`, key: world.ns1.tsig },
      },
      deps,
    );
    expect(started.status).toBe("started");
    if (started.status !== "started") return;
    const t0 = performance.now();
    const done = await advanceOrder(started.order.id, deps);
    const steps = done.data.history
      .map((h, i, all) => `${h.state} +${i ? Date.parse(h.at) - Date.parse(all[i - 1].at) : 0}`)
      .join(", ");
    console.log(`rfc2136 issuance: ${Math.round(performance.now() - t0)} ms (${steps} ms)`);
    expect(done.state, JSON.stringify(done.data.problem)).toBe("done");
    const cert = await getCurrentCertificate(setupId);
    expect(cert?.names).toEqual(["mail.auto.test", "mta-sts.auto.test"]);
    expect(await verifyWithPebbleRoot(world.pebble, cert!.chainPem)).toMatch(/OK/);
    expect(cert!.privateKeyPem).toMatch(/BEGIN PRIVATE KEY|BEGIN RSA PRIVATE KEY/);
    expect(await getAcmeAccountUri(setupId)).toMatch(/^https:\/\/127\.0\.13\.1:\d+\/my-account\//);
    expect(await getRenewalSettings(setupId)).toMatchObject({
      method: "dns-01-rfc2136",
      names: ["mail.auto.test", "mta-sts.auto.test"],
      rfc2136: { keyName: "postwright-test", secret: world.ns1.tsig.secret },
    });
    // The challenge records are removed once the certificate is in.
    expect(kdig(world.ns1, "_acme-challenge.mail.auto.test", "TXT")).toEqual([]);

    // Renewal: not due now; due a day before expiry, then re-issued unattended with the same method.
    expect(await renewIfDue(setupId, deps)).toMatchObject({
      status: "not-due",
      plan: { source: "lifetime", due: false },
    });
    const late = new Date(cert!.notAfter.getTime() - 86_400_000);
    const renewed = await renewIfDue(setupId, deps, { now: late });
    expect(renewed.status, JSON.stringify(renewed)).toBe("renewed");
    const next = await getCurrentCertificate(setupId);
    expect(next!.id).not.toBe(cert!.id);
    expect(next!.notBefore.getTime()).toBeGreaterThanOrEqual(cert!.notBefore.getTime());
    expect(await db.acmeOrder.count({ where: { setupId } })).toBe(2);
  });

  it("issues with DNS-01 by hand once EVERY authoritative nameserver serves the TXT", async () => {
    const setupId = await setupFor("hand.test");
    const started = await startOrder(input(setupId, "hand.test", "dns-01-manual"), deps);
    if (started.status !== "started") throw new Error(JSON.stringify(started));
    let order = await advanceOrder(started.order.id, deps);
    expect(order.state).toBe("challenges");
    expect(order.data.waitingForDns).toBe(true);
    const [mail, sts] = order.data.challenges;
    expect(mail.txtName).toBe("_acme-challenge.mail.hand.test");
    expect(mail.sightings?.map((s) => [s.name, s.sees])).toEqual([
      ["ns1.hand.test", false],
      ["ns2.hand.test", false],
    ]);
    // The user publishes at one nameserver only: not enough.
    const lines = order.data.challenges.map((c) => `update add ${c.txtName}. 60 TXT "${c.txtValue}"`);
    world.ns1.update("hand.test", lines);
    order = await advanceOrder(order.id, deps);
    expect(order.state).toBe("challenges");
    expect(order.data.challenges[0].sightings?.map((s) => s.sees)).toEqual([true, false]);
    world.ns2.update("hand.test", lines);
    order = await advanceOrder(order.id, deps);
    expect(order.state, JSON.stringify(order.data.problem)).toBe("done");
    const cert = await getCurrentCertificate(setupId);
    expect(cert?.names).toContain("mail.hand.test");
    expect(sts.txtValue).not.toBe(mail.txtValue);
    expect(await verifyWithPebbleRoot(world.pebble, cert!.chainPem)).toMatch(/OK/);
    const late = new Date(cert!.notAfter.getTime() - 86_400_000);
    expect(await renewIfDue(setupId, deps, { now: late })).toMatchObject({ status: "needs-user" });
  });

  it("issues with HTTP-01 answered from the database by the challenge listener", async () => {
    const setupId = await setupFor("web.test");
    const listener = await startHttpChallengeListener({ host: ACME_NET.mailhost, port: world.pebble.httpPort });
    try {
      const started = await startOrder(input(setupId, "web.test", "http-01"), deps);
      if (started.status !== "started") throw new Error(JSON.stringify(started));
      expect(started.preflight?.recommended).toBe("http-01");
      const done = await advanceOrder(started.order.id, deps);
      expect(done.state, JSON.stringify(done.data.problem)).toBe("done");
      const cert = await getCurrentCertificate(setupId);
      expect(cert?.names).toEqual(["mail.web.test", "mta-sts.web.test"]);
      expect(await verifyWithPebbleRoot(world.pebble, cert!.chainPem)).toMatch(/OK/);
    } finally {
      await listener.close();
    }
  });

  it("resumes the same order after a crash at every step (Pebble counts one order)", async () => {
    const setupId = await setupFor("crash.test");
    const ordersBefore = world.pebble.orderCount();
    const started = await startOrder(
      {
        ...input(setupId, "crash.test", "dns-01-rfc2136"),
        rfc2136: { server: `${world.ns1.address}:${world.ns1.port}`, key: world.ns1.tsig },
      },
      deps,
    );
    if (started.status !== "started") throw new Error(JSON.stringify(started));
    const crashedAt: string[] = [];
    const crashing = {
      ...deps,
      afterStep: (state: string) => {
        if (!crashedAt.includes(state)) {
          crashedAt.push(state);
          throw new Error(`crash after ${state}`);
        }
      },
    };
    const urls = new Set<string>();
    let state = "";
    for (let i = 0; i < 10 && state !== "done"; i++) {
      const order = await advanceOrder(started.order.id, crashing).catch(async (e) => {
        expect(String(e)).toMatch(/crash after/);
        return (await db.acmeOrder.findUniqueOrThrow({ where: { id: started.order.id } })) as unknown as {
          state: string;
          orderUrl: string | null;
        };
      });
      state = order.state;
      if (order.orderUrl) urls.add(order.orderUrl);
    }
    expect(state).toBe("done");
    expect(crashedAt).toEqual(["order", "challenges", "validating", "finalize", "download", "done"]);
    expect(urls.size).toBe(1);
    expect(world.pebble.orderCount() - ordersBefore).toBe(1);
    expect(await db.acmeOrder.count({ where: { setupId } })).toBe(1);
  });

  it("stops before any order when CAA forbids the CA", async () => {
    const setupId = await setupFor("nope.test");
    const before = world.pebble.orderCount();
    const started = await startOrder(input(setupId, "nope.test", "dns-01-manual"), deps);
    expect(started.status).toBe("blocked");
    if (started.status !== "blocked") return;
    const caa = started.preflight.items.find((i) => i.id === "caa" && i.status === "fail");
    expect(caa?.summary).toBe("CAA at nope.test allows only letsencrypt.org, not pebble.test");
    expect(caa?.fix).toMatch(/0 issue "pebble.test"/);
    expect(world.pebble.orderCount()).toBe(before);
    expect(await db.acmeOrder.count({ where: { setupId } })).toBe(0);
  });

  it("the renewal timer's pass looks at every setup with a certificate, through the env's CA and DNS", async () => {
    Object.assign(process.env, {
      POSTWRIGHT_ACME_CA_CERT: world.pebble.listenerCaFile,
      POSTWRIGHT_DNS_SERVERS: `${world.ns1.address}:${world.ns1.port}`,
      POSTWRIGHT_DNS_NAMESERVER_PORT: String(world.ns1.port),
    });
    const before = world.pebble.orderCount();
    const pass = await renewAllDue();
    expect(pass.length).toBeGreaterThanOrEqual(4);
    expect(new Set(pass.map((p) => p.status))).toEqual(new Set(["not-due"]));
    expect(world.pebble.orderCount()).toBe(before);
  });
});
