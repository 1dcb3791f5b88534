import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupDocument } from "@/test/mail/fixtures";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10 point 7: a bundle without a certificate. install.sh obtains one with
// certbot (HTTP-01, standalone on port 80) from the setup's CA, here Pebble
// inside the world, validating through the world's BIND against the box's address.

const DIRECTORY = "https://127.0.0.1:14000/dir";

describe("install.sh with no certificate in the bundle", { timeout: 300_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;

  beforeAll(async () => {
    const doc = setupDocument("direct-v4-rsa", { acme: { directory: DIRECTORY, email: "alice@example.test" } });
    bw = await bundleWorld("direct-v4-rsa", { certificate: false, mail: { doc } });
    const dir = `${bw.world.dir}/pebble`;
    fs.mkdirSync(dir);
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=pebble listener",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        `${dir}/listener.key`,
        "-out",
        `${dir}/listener.pem`,
      ],
      { stdio: "ignore" },
    );
    fs.writeFileSync(
      `${dir}/config.json`,
      JSON.stringify({
        pebble: {
          listenAddress: "127.0.0.1:14000",
          managementListenAddress: "127.0.0.1:15000",
          certificate: "/run/world/pebble/listener.pem",
          privateKey: "/run/world/pebble/listener.key",
          httpPort: 80,
          tlsPort: 5001,
          ocspResponderURL: "",
          externalAccountBindingRequired: false,
          certificateValidityPeriod: 90 * 86400,
        },
      }),
    );
    const started = await bw.world.sh(
      "PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 setsid pebble -config /run/world/pebble/config.json -dnsserver 127.0.0.1:53 </dev/null >/run/world/pebble/log 2>&1 & " +
        "for i in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/14000) 2>/dev/null && exit 0; sleep 0.1; done; exit 1",
    );
    expect(started.code, fs.readFileSync(`${dir}/log`, "utf8")).toBe(0);
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("gets one with certbot for every name the plan points here, and its self-test passes", async () => {
    const r = await bw.run("./install.sh --no-packages", {
      REQUESTS_CA_BUNDLE: "/run/world/pebble/listener.pem", // trust Pebble's own HTTPS listener
    });
    expect(r.code, `${r.output}\n${fs.readFileSync(`${bw.world.dir}/pebble/log`, "utf8").slice(-3000)}`).toBe(0);
    expect(r.output).toContain("certbot: HTTP-01 on port 80");
    expect(r.output).toContain("IMAPS greets, logs in and finds the message");
    const cert = await bw.world.sh(
      "openssl x509 -noout -ext subjectAltName -issuer -in /etc/postwright/tls/fullchain.pem; stat -c '%a' /etc/postwright/tls/privkey.pem; grep -E '^(pre|post)_hook' /etc/letsencrypt/renewal/mail.example.test.conf",
    );
    expect(cert.stdout).toContain(
      "DNS:mail.example.test, DNS:mta-sts.example.test, DNS:autoconfig.example.test, DNS:autodiscover.example.test",
    );
    expect(cert.stdout).toMatch(/issuer=CN ?= ?Pebble Intermediate/);
    expect(cert.stdout).toContain("600\n");
    expect(cert.stdout).toContain("pre_hook = /etc/postwright/service stop-if-port-80 nginx");
  });

  it("uninstalls back to a byte-identical /etc, certbot's lineage included", async () => {
    const r = await bw.run("./uninstall.sh");
    expect(r.code, r.output).toBe(0);
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });
});
