import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORDS } from "@/test/mail/fixtures";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10 point 9: a bundle made without private keys holds no secret, and
// install.sh gets each one from the user.

/**
 * Every file the world wrote (its overlays' upper layers, Postfix's spool, /tmp, /run) that holds
 * one of the test's secrets in clear, as a path inside the world.
 */
async function secretCopies(bw: BundleWorld): Promise<string[]> {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const found = await bw.world.sh(
    `grep -rlF -e 'relay pass' -e ${q(PASSWORDS.alice)} -e ${q(PASSWORDS.bob)} /tmp /run/world/upper /run/world/spool; ` +
      `grep -rlF --exclude-dir=world -e 'relay pass' -e ${q(PASSWORDS.alice)} -e ${q(PASSWORDS.bob)} /run; true`,
  );
  return found.stdout
    .split("\n")
    .filter(Boolean)
    .map((p) => p.replace(/^\/run\/world\/upper/, "").replace(/^\/run\/world\/spool/, "/var/spool/postfix"))
    .sort();
}

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

  it("holds no secret at all: no private key, no relay password, no mailbox password hash", () => {
    const tar = gunzipSync(bw.bundle).toString("latin1");
    expect(tar).not.toContain("PRIVATE KEY");
    expect(tar).not.toContain(PASSWORDS.relay);
    expect(tar).not.toMatch(/\$2[aby]\$\d\d\$/);
    expect(tar).not.toContain("BLF-CRYPT}");
    expect(tar).toContain("relay-user@example.test"); // the user name is not a secret
  });

  it("stops before changing anything and names every missing file and secret", async () => {
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code).toBe(1);
    expect(r.output).toContain("/var/lib/rspamd/dkim/example.test.pw1.key");
    expect(r.output).toContain("/etc/postwright/tls/privkey.pem");
    expect(r.output).toContain(
      "/etc/postfix/sasl_passwd: Password of relay-user@example.test at the relay smtp.relay.test:587 (--secret relay-password=FILE)",
    );
    for (const who of ["alice", "bob"])
      expect(r.output).toContain(
        `/etc/dovecot/users: Password of the mailbox ${who}@example.test (--secret mailbox:${who}@example.test=FILE)`,
      );
    expect(r.output).toContain("Nothing was changed.");
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });

  it("refuses a mailbox password shorter than the wizard allows, before changing anything", async () => {
    await bw.world.sh(`umask 077; printf 'short\\n' > /root/short`);
    const r = await bw.run(
      `./install.sh --no-packages --keys ${bw.keysDir} --secret relay-password=/root/short --secret mailbox:alice@example.test=/root/short`,
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain(
      "The mailbox:alice@example.test is shorter than 10 characters: it cannot go into /etc/dovecot/users. Nothing was changed.",
    );
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });

  it("installs with the keys from --keys DIR and every secret read from a file the user names; hashes the mailbox passwords on the box", async () => {
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    await bw.world.sh(
      `umask 077; printf '%s\\n' ${q(PASSWORDS.relay)} > /root/relay-password; printf '%s\\n' ${q(PASSWORDS.alice)} > /root/alice; ` +
        `printf 'carol@example.test:not-a-mailbox-1\\nbob@example.test:%s\\n' ${q(PASSWORDS.bob)} > /root/mailboxes`,
    );
    const r = await bw.run(
      `./install.sh --no-packages --keys ${bw.keysDir} --secret relay-password=/root/relay-password ` +
        "--secret mailbox:alice@example.test=/root/alice --secret mailboxes=/root/mailboxes",
    );
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("Mailbox passwords hashed on this machine (doveadm pw).");
    expect(r.output).toContain("IMAPS greets, logs in and finds the message");
    const sasl = await bw.world.sh("stat -c '%a %U:%G' /etc/postfix/sasl_passwd; cat /etc/postfix/sasl_passwd");
    expect(sasl.stdout).toBe(`600 root:root\n[smtp.relay.test]:587 relay-user@example.test:${PASSWORDS.relay}\n`);
    const users = await bw.world.sh("stat -c '%a %U:%G' /etc/dovecot/users; cat /etc/dovecot/users");
    expect(users.stdout).toMatch(
      /^640 root:dovecot\nalice@example\.test:\{BLF-CRYPT\}\$2y\$10\$\S{53}::::::\nbob@example\.test:\{BLF-CRYPT\}\$2y\$10\$\S{53}::::::\n$/,
    );
    // Each hash opens its mailbox: Dovecot's own authentication says so.
    for (const [who, password] of [
      ["alice", PASSWORDS.alice],
      ["bob", PASSWORDS.bob],
    ]) {
      const auth = await bw.world.sh(`doveadm auth test ${who}@example.test ${q(password)}`);
      expect(auth.output, who).toMatch(/auth succeeded/);
    }
    expect((await bw.world.sh(`doveadm auth test bob@example.test ${q(PASSWORDS.alice)}`)).output).toMatch(
      /auth failed/,
    );
    // No copy of a secret is left behind in a temporary file.
    // Only where the user put them and where they belong (the relay password is sent in clear to the relay: Postfix needs it).
    expect(await secretCopies(bw)).toEqual([
      "/etc/postfix/sasl_passwd",
      "/etc/postfix/sasl_passwd.db",
      "/root/alice",
      "/root/mailboxes",
      "/root/relay-password",
    ]);
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

  it("after an uninstall, asks on a terminal for the relay password and each mailbox's (twice), echoing none", async () => {
    const r = await bw.runTyping(`./install.sh --no-packages --keys ${bw.keysDir}`, [
      { after: "Password of relay-user@example.test at the relay smtp.relay.test:587: ", type: PASSWORDS.relay },
      { after: "Password of the mailbox alice@example.test: ", type: "too-short" },
      { after: "Password of the mailbox alice@example.test: ", type: PASSWORDS.alice },
      { after: "The same password again: ", type: `${PASSWORDS.alice}-typo` },
      { after: "Password of the mailbox alice@example.test: ", type: PASSWORDS.alice },
      { after: "The same password again: ", type: PASSWORDS.alice },
      { after: "Password of the mailbox bob@example.test: ", type: PASSWORDS.bob },
      { after: "The same password again: ", type: PASSWORDS.bob },
    ]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("That password is shorter than 10 characters; once more.");
    expect(r.output).toContain("The two do not match; once more.");
    for (const secret of [PASSWORDS.relay, PASSWORDS.alice, PASSWORDS.bob, "too-short"])
      expect(r.output).not.toContain(secret);
    expect((await bw.world.sh("cat /etc/postfix/sasl_passwd")).stdout).toBe(
      `[smtp.relay.test]:587 relay-user@example.test:${PASSWORDS.relay}\n`,
    );
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    for (const [who, password] of [
      ["alice", PASSWORDS.alice],
      ["bob", PASSWORDS.bob],
    ])
      expect((await bw.world.sh(`doveadm auth test ${who}@example.test ${q(password)}`)).output, who).toMatch(
        /auth succeeded/,
      );
    // Only where the user put them and where they belong (the relay password is sent in clear to the relay: Postfix needs it).
    expect(await secretCopies(bw)).toEqual([
      "/etc/postfix/sasl_passwd",
      "/etc/postfix/sasl_passwd.db",
      "/root/alice",
      "/root/mailboxes",
      "/root/relay-password",
    ]);
  });

  it("on a re-install, keeps the passwords the box has and asks for nothing", async () => {
    const before = (await bw.world.sh("cat /etc/dovecot/users /etc/postfix/sasl_passwd")).stdout;
    const r = await bw.run(`./install.sh --no-packages --keys ${bw.keysDir} </dev/null`);
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain("Password of");
    expect((await bw.world.sh("cat /etc/dovecot/users /etc/postfix/sasl_passwd")).stdout).toBe(before);
  });
});
