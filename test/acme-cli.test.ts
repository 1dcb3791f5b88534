// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAcmeFlags, startAcmeWorld, verifyWithPebbleRoot, type AcmeWorld } from "./rig/acme-world";
import { kdig, startBind } from "./rig/bind";
import { startSilentServer } from "./rig/misbehaving-servers";
import { waitFor } from "./rig/ports";
import { cliProcess } from "./rig/cli-process";
import { db } from "@/lib/db";
import { saveSetup } from "@/lib/setup/store";

const cli = (args: string[]) => cliProcess(args, tempDb.url);

describe("postwright cert (CLI) against Pebble", () => {
  let world: AcmeWorld;
  let common: string[];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-cert-out-"));

  beforeAll(async () => {
    world = await startAcmeWorld({ dynamic: ["kill.test", "hidden.test"], twoNs: [] });
    const saved = await saveSetup({
      domain: "kill.test",
      adminEmail: "admin@kill.test",
      ipv4: "192.0.2.10",
      acme: { directory: world.pebble.directoryUrl, challenge: "dns-01-manual" },
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    common = cliAcmeFlags(world);
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
    fs.rmSync(outDir, { recursive: true, force: true });
    tempDb.remove();
  });

  it("refuses bad usage with exit 2 and says why", async () => {
    const a = cli(["cert", "kill.test", "--rfc2136", "127.0.13.2"]);
    expect(await a.done, a.out()).toBe(2);
    expect(a.out()).toMatch(/--rfc2136 and --tsig go together/);
    const b = cli(["cert", "kill.test", ...common]);
    expect(await b.done, b.out()).toBe(2);
    expect(b.out()).toMatch(/terms of service must be accepted: data:text\/plain.*--agree-tos/s);
    const c = cli(["cert", "nowhere.test"]);
    expect(await c.done).toBe(2);
  }, 60_000);

  it("resumes the same order after kill -9 and writes fullchain.pem and privkey.pem (Pebble counts one order)", async () => {
    const before = world.pebble.orderCount();
    const first = cli(["cert", "kill.test", ...common, "--agree-tos", "--poll-seconds", "0.2", "--out", outDir]);
    await waitFor(
      "the TXT records and the CA order",
      () =>
        (first.out().match(/value: \S+\n/g) ?? []).length >= 4 && first.out().includes("CA order:") ? true : undefined,
      30_000,
    );
    first.child.kill("SIGKILL");
    await first.done;
    const orderUrl = /CA order: (\S+)/.exec(first.out())![1];
    const saved = await db.acmeOrder.findFirstOrThrow({ where: { orderUrl } });
    expect(saved.state).toBe("challenges");

    // The user publishes the records at the DNS host while the CLI is gone.
    const values = [...first.out().matchAll(/name:\s+(\S+)\n\s+value: (\S+)/g)].map(
      (m) => `update add ${m[1]}. 60 TXT "${m[2]}"`,
    );
    expect(values).toHaveLength(4);
    world.ns1.update("kill.test", values);

    const second = cli(["cert", "kill.test", ...common, "--agree-tos", "--poll-seconds", "0.2", "--out", outDir]);
    expect(await second.done, second.out()).toBe(0);
    expect(second.out()).toContain(`Resuming order ${saved.id}`);
    expect(second.out()).toContain(`CA order: ${orderUrl}`);
    expect(world.pebble.orderCount() - before).toBe(1);
    expect(await db.acmeOrder.count()).toBe(1);
    const chain = fs.readFileSync(path.join(outDir, "fullchain.pem"), "utf8");
    expect(await verifyWithPebbleRoot(world.pebble, chain)).toMatch(/OK/);
    expect(fs.statSync(path.join(outDir, "privkey.pem")).mode & 0o777).toBe(0o600);
    expect(second.out()).toMatch(
      /Certificate for mail\.kill\.test, mta-sts\.kill\.test, autoconfig\.kill\.test, autodiscover\.kill\.test from .*Pebble/,
    );

    // Run again: nothing is due, the same files are written, no new order.
    const third = cli(["cert", "kill.test", ...common, "--out", outDir]);
    expect(await third.done, third.out()).toBe(0);
    expect(third.out()).toMatch(/days left/);
    expect(world.pebble.orderCount() - before).toBe(1);
  }, 120_000);

  it("a dead or silent CA is said in plain words, within the directory's 10 s, never as a stack trace", async () => {
    const silent = await startSilentServer("127.0.13.251", 14000);
    try {
      for (const address of ["127.0.13.250", "127.0.13.251"]) {
        const started = Date.now();
        const r = cli([
          "cert",
          "kill.test",
          ...common,
          "--agree-tos",
          "--force",
          "--directory",
          `https://${address}:14000/dir`,
        ]);
        expect(await r.done, r.out()).toBe(1);
        expect(r.out()).toMatch(/This machine could not talk to the CA\.\nCheck the Internet connection/);
        expect(r.out()).not.toMatch(/\n\s+at |reading 'config'/);
        console.log(`cert with a ${address.endsWith("250") ? "refusing" : "silent"} CA: ${Date.now() - started} ms`);
      }
    } finally {
      await silent.stop();
    }
  }, 90_000);

  it("--rfc2136 finds the zone by asking that server (a primary the resolver does not see)", async () => {
    // The resolver's view: only the "test" zone, so a walk through it finds "test", not hidden.test.
    const view = await startBind({
      address: "127.0.13.6",
      port: world.ns1.port,
      zones: [
        {
          name: "test",
          text: "$ORIGIN test.\n$TTL 60\n@ IN SOA ns hostmaster 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.13.6\n",
        },
      ],
    });
    try {
      const saved = await saveSetup({
        domain: "hidden.test",
        adminEmail: "admin@hidden.test",
        ipv4: "192.0.2.10",
        acme: { directory: world.pebble.directoryUrl, challenge: "dns-01-rfc2136" },
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved));
      const { name, algorithm, secret } = world.ns1.tsig;
      const r = cli([
        "cert",
        "hidden.test",
        "--agree-tos",
        "--ca-cert",
        world.pebble.listenerCaFile,
        "--dns-server",
        `127.0.13.6:${world.ns1.port}`,
        "--nameserver-port",
        String(world.ns1.port),
        "--caa-identity",
        "pebble.test",
        "--rfc2136",
        `${world.ns1.address}:${world.ns1.port}`,
        "--tsig",
        `${name}:${algorithm}:${secret}`,
        "--poll-seconds",
        "0.5",
        "--timeout",
        "0.05",
      ]);
      await r.done;
      expect(r.out()).not.toMatch(/NOTAUTH|NOTZONE|no DNS zone found|serves no zone/);
      // Published in the right zone at the named server (the CA then waits for the public nameservers).
      expect(kdig(world.ns1, "_acme-challenge.mail.hidden.test", "TXT"), r.out()).toHaveLength(1);
      expect(kdig(world.ns1, "_acme-challenge.mta-sts.hidden.test", "TXT")).toHaveLength(1);
      expect(kdig(world.ns1, "_acme-challenge.autoconfig.hidden.test", "TXT")).toHaveLength(1);
      expect(kdig(world.ns1, "_acme-challenge.autodiscover.hidden.test", "TXT")).toHaveLength(1);
    } finally {
      await view.stop();
    }
  }, 90_000);
});
