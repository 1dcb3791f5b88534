import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORDS } from "@/test/mail/fixtures";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10 point 9: a bundle made without private keys holds no secret, and
// install.sh gets each one from the user.

describe("a relay-mode bundle without private keys", { timeout: 180_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;

  beforeAll(async () => {
    bw = await bundleWorld("relay-587", { includePrivateKeys: false });
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("holds neither a private key nor the relay password", () => {
    const tar = gunzipSync(bw.bundle).toString("latin1");
    expect(tar).not.toContain("PRIVATE KEY");
    expect(tar).not.toContain(PASSWORDS.relay);
    expect(tar).toContain("relay-user@example.test"); // the user name is not a secret
  });

  it("stops before changing anything and names every missing file and secret", async () => {
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code).toBe(1);
    expect(r.output).toContain("/etc/opendkim/keys/example.test/pw1.private");
    expect(r.output).toContain("/etc/postwright/tls/privkey.pem");
    expect(r.output).toContain("/etc/postfix/sasl_passwd (or --secret relay-password=FILE)");
    expect(r.output).toContain("Nothing was changed.");
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });

  it("installs with the keys from --keys DIR and the relay password read from --secret relay-password=FILE", async () => {
    await bw.world.sh(`umask 077; printf '%s\\n' '${PASSWORDS.relay.replace(/'/g, `'\\''`)}' > /root/relay-password`);
    const r = await bw.run(
      `./install.sh --no-packages --keys ${bw.keysDir} --secret relay-password=/root/relay-password`,
    );
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("IMAPS greets, logs in and finds the message");
    const sasl = await bw.world.sh("stat -c '%a %U:%G' /etc/postfix/sasl_passwd; cat /etc/postfix/sasl_passwd");
    expect(sasl.stdout).toBe(`600 root:root\n[smtp.relay.test]:587 relay-user@example.test:${PASSWORDS.relay}\n`);
    expect((await bw.world.sh("postmap -q '[smtp.relay.test]:587' hash:/etc/postfix/sasl_passwd")).stdout.trim()).toBe(
      `relay-user@example.test:${PASSWORDS.relay}`,
    );
  });
});
