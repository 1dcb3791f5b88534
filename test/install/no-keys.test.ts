import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORDS } from "@/test/mail/fixtures";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10 point 9: a bundle made without private keys holds no secret, and
// install.sh gets each one from the user.

describe("a relay-mode bundle without private keys", { timeout: 300_000 }, () => {
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
    expect(r.output).toContain("/var/lib/rspamd/dkim/example.test.pw1.key");
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
    // No copy of the secret is left behind in a temporary file.
    const copies = await bw.world.sh(`grep -rlF --exclude-dir=world -- 'relay pass' /tmp /run /root; true`);
    expect(copies.stdout.trim()).toBe("/root/relay-password");
    expect((await bw.world.sh("postmap -q '[smtp.relay.test]:587' hash:/etc/postfix/sasl_passwd")).stdout.trim()).toBe(
      `relay-user@example.test:${PASSWORDS.relay}`,
    );
  });

  it("uninstalls but keeps the mail received, and the user owning it", async () => {
    const sent = await bw.world.sh(
      `swaks --server 127.0.0.1:587 --tls --auth PLAIN --auth-user alice@example.test --auth-password '${PASSWORDS.alice}' ` +
        "--from alice@example.test --to bob@example.test --header 'Subject: keep me' --body hello --timeout 20",
    );
    expect(sent.output).toMatch(/<~\s+250 2\.0\.0 Ok: queued/);
    await bw.world.sh(
      "for i in $(seq 1 100); do ls /var/mail/vhosts/example.test/bob/Maildir/new/* >/dev/null 2>&1 && break; sleep 0.1; done",
    );
    const u = await bw.run("./uninstall.sh");
    expect(u.code, u.output).toBe(0);
    expect(u.output).toContain("Kept /var/mail/vhosts: it holds mail (./uninstall.sh --purge-mail deletes it).");
    expect(u.output).toContain("Kept the user vmail");
    expect((await bw.world.sh("grep -l 'keep me' /var/mail/vhosts/example.test/bob/Maildir/new/*")).code).toBe(0);
    // Only the vmail user's own lines differ; every configuration file is back.
    expect(snapshotDiff(pristine, await bw.world.snapshot()).map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual([
      "~ /etc/group",
      "~ /etc/gshadow",
      "~ /etc/passwd",
      "~ /etc/shadow",
    ]);
  });

  it("after an uninstall, asks for the relay password on a terminal, without echoing it", async () => {
    // script(1) gives install.sh a terminal, as sudo from an SSH session does; the answer is typed on it.
    const typed = PASSWORDS.relay.replace(/'/g, `'\\''`);
    const r = await bw.run(
      `(sleep 2; printf '%s\\n' '${typed}') | script -qec './install.sh --no-packages --keys ${bw.keysDir}' /dev/null`,
    );
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("Password of relay-user@example.test at the relay smtp.relay.test:587: ");
    expect(r.output).not.toContain(PASSWORDS.relay);
    expect((await bw.world.sh("cat /etc/postfix/sasl_passwd")).stdout).toBe(
      `[smtp.relay.test]:587 relay-user@example.test:${PASSWORDS.relay}\n`,
    );
  });
});
