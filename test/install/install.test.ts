import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORDS } from "@/test/mail/fixtures";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10: the downloaded bundle's own install.sh, unmodified, as root in a
// private world without systemd (a container's situation), no network.

const DAEMONS = "pgrep -x rspamd; pgrep -x dovecot; pgrep -x master; pgrep -x nginx";

describe("install.sh on a box without systemd (RSA + Ed25519 DKIM)", { timeout: 300_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;
  let installed: Map<string, string>;

  beforeAll(async () => {
    bw = await bundleWorld("direct-v6-both");
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("installs unaided with every package present, never touching apt, and its self-test passes", async () => {
    const apt = await bw.world.snapshot("/var/lib/apt");
    const dpkg = await bw.world.sh("sha256sum /var/lib/dpkg/status");
    const r = await bw.run("./install.sh");
    const seconds = (r.ms / 1000).toFixed(1);
    fs.mkdirSync("test-results", { recursive: true });
    fs.writeFileSync("test-results/install-duration.txt", `full install without systemd: ${seconds} s\n`);
    console.log(`install.sh took ${seconds} s`);
    expect(r.code, `${r.output}\n${bw.world.syslog().slice(-3000)}`).toBe(0);
    expect(r.output).toContain("All present:");
    expect(r.output).toContain("no systemd");
    for (const step of [
      "port 25 answers EHLO, offers STARTTLS and no AUTH",
      "port 587 offers AUTH only after STARTTLS",
      "the message landed in /var/mail/vhosts/example.test/",
      "2 DKIM signature(s) verify against the keys of example.test.zone",
      "IMAPS greets, logs in and finds the message",
    ])
      expect(r.output).toContain(step);
    expect(snapshotDiff(apt, await bw.world.snapshot("/var/lib/apt"))).toEqual([]);
    expect((await bw.world.sh("sha256sum /var/lib/dpkg/status")).stdout).toBe(dpkg.stdout);
    // The throwaway self-test mailbox is gone again.
    expect((await bw.world.sh("cat /etc/dovecot/users /etc/postfix/virtual_mailboxes")).stdout).not.toContain(
      "selftest",
    );
    expect((await bw.world.sh("stat -c '%a %U:%G' /var/lib/rspamd/dkim")).stdout.trim()).toBe("750 _rspamd:_rspamd");
    installed = await bw.world.snapshot();
  });

  it("takes submissions on 587 (STARTTLS) and 465 (TLS) and serves them over IMAPS, from inside the box", async () => {
    const send = (port: number, tls: string, subject: string) =>
      bw.world.sh(
        `swaks --server 127.0.0.1:${port} ${tls} --auth PLAIN --auth-user alice@example.test --auth-password '${PASSWORDS.alice}' ` +
          `--from alice@example.test --to bob@example.test --header 'Subject: ${subject}' --body hello --timeout 20`,
      );
    const s587 = await send(587, "--tls", "via-587");
    expect(s587.output).toMatch(/<~\s+250 2\.0\.0 Ok: queued/);
    const s465 = await send(465, "--tlsc", "via-465");
    expect(s465.output).toMatch(/<~\s+250 2\.0\.0 Ok: queued/);
    const imap = await bw.world.sh(`/usr/bin/python3 - <<'PY'
import imaplib, ssl, time
c = ssl.create_default_context(); c.check_hostname = False; c.verify_mode = ssl.CERT_NONE
m = imaplib.IMAP4_SSL("127.0.0.1", 993, ssl_context=c)
print(m.welcome.decode())
m.login("bob@example.test", "${PASSWORDS.bob}")
for _ in range(100):
    m.select("INBOX")
    subjects = [m.fetch(n, "(BODY[HEADER.FIELDS (SUBJECT DKIM-SIGNATURE)])")[1][0][1].decode() for n in m.search(None, "ALL")[1][0].split()]
    if len(subjects) >= 2: break
    time.sleep(0.2)
print("\\n".join(subjects))
PY`);
    expect(imap.code, imap.output).toBe(0);
    expect(imap.stdout).toMatch(/^\* OK/);
    expect(imap.stdout).toContain("Subject: via-587");
    expect(imap.stdout).toContain("Subject: via-465");
    expect(imap.stdout).toMatch(/DKIM-Signature: v=1; a=ed25519-sha256/);
  });

  it("serves what the DNS plan publishes: the MTA-STS policy and the mail client set-up, over HTTPS with a certificate naming each host", async () => {
    const r = await bw.world.sh(`/usr/bin/python3 - <<'PY'
import ssl, urllib.request
ctx = ssl.create_default_context(cafile="/etc/postwright/tls/fullchain.pem")  # the bundle's certificate, self-signed here
def get(url, data=None):
    with urllib.request.urlopen(urllib.request.Request(url, data=data), context=ctx, timeout=10) as r:
        return r.read().decode()
print(get("https://mta-sts.example.test/.well-known/mta-sts.txt"))
print(get("https://autoconfig.example.test/mail/config-v1.1.xml"))
print(get("http://autoconfig.example.test/mail/config-v1.1.xml").count("<hostname>mail.example.test</hostname>"))
print(get("https://autodiscover.example.test/autodiscover/autodiscover.xml", data=b"<Autodiscover/>"))
PY`);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("version: STSv1\r\nmode: testing\r\nmx: mail.example.test\r\nmax_age: ");
    expect(r.stdout).toContain('<incomingServer type="imap">');
    expect(r.stdout).toContain("\n3\n");
    expect(r.stdout).toContain("<Server>mail.example.test</Server>");
  });

  it("passes its self-test 20 times out of 20 on the healthy install, and fails when Dovecot is stopped", async () => {
    const runs = await bw.run(
      "for i in $(seq 1 20); do ./install.sh --self-test > /tmp/self-test.log 2>&1 || { cat /tmp/self-test.log; echo FAILED-RUN $i; exit 1; }; done; echo 20/20",
    );
    expect(runs.output).toContain("20/20");
    expect((await bw.world.sh("/etc/postwright/service stop dovecot")).code).toBe(0);
    const broken = await bw.run("./install.sh --self-test");
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/Self-test failed: nothing answers on port 993/);
    expect((await bw.world.sh("/etc/postwright/service start dovecot")).code).toBe(0);
    expect((await bw.run("./install.sh --self-test")).code).toBe(0);
  }, 420_000);

  it("fails its self-test when AUTH is offered before STARTTLS, or when a signature does not match the zone", async () => {
    const plain = await bw.run(
      "postconf -P submission/inet/smtpd_tls_security_level=may submission/inet/smtpd_tls_auth_only=no && postfix reload >/dev/null 2>&1 && " +
        "./install.sh --self-test; echo exit=$?; postconf -P submission/inet/smtpd_tls_security_level=encrypt submission/inet/smtpd_tls_auth_only=yes && postfix reload >/dev/null 2>&1",
    );
    expect(plain.output).toMatch(/Self-test failed: port 587 offers AUTH before STARTTLS/);
    expect(plain.output).toContain("exit=1");
    // The zone the user publishes holds another Ed25519 key than the one the server signs with.
    const forged = await bw.run(
      "cp -p dns/example.test.zone /root/zone && " +
        "sed -i 's|^pw1e._domainkey .*|pw1e._domainkey 3600 IN TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"|' dns/example.test.zone && " +
        "./install.sh --self-test; echo exit=$?; cp -p /root/zone dns/example.test.zone",
    );
    expect(forged.output).toMatch(/Self-test failed: DKIM signature \d does not verify against/);
    expect(forged.output).toContain("exit=1");
    expect((await bw.run("./install.sh --self-test")).code).toBe(0);
  });

  it("is idempotent: a second run leaves the same /etc", async () => {
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code, r.output).toBe(0);
    // postmap and newaliases rebuild their .db files: same tables, not always the same bytes.
    const diff = snapshotDiff(installed, await bw.world.snapshot()).filter((l) => !/\.db /.test(l));
    expect(diff).toEqual([]);
  });

  it("rolls a failed re-install back to the install before it, owners and modes included", async () => {
    // Planted failure: something else holds port 993 when Dovecot restarts.
    await bw.world.sh("/etc/postwright/service stop dovecot");
    await bw.world.sh(
      "setsid /usr/bin/python3 -c 'import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"0.0.0.0\", 993)); s.listen(); time.sleep(600)' </dev/null >/dev/null 2>&1 & echo $! > /run/blocker.pid",
    );
    const before = await bw.world.snapshot();
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("dovecot did not start");
    expect(r.output).toContain("Rolled back to the Postwright configuration that was installed before this run.");
    expect(snapshotDiff(before, await bw.world.snapshot()).filter((l) => !/\.db /.test(l))).toEqual([]);
    expect((await bw.world.sh("stat -c '%a %U:%G' /var/lib/rspamd/dkim")).stdout.trim()).toBe("750 _rspamd:_rspamd");
    await bw.world.sh("kill $(cat /run/blocker.pid)");
    expect((await bw.world.sh("/etc/postwright/service start dovecot")).code).toBe(0);
  });

  it("uninstalls back to a byte-identical /etc, with nothing of Postwright's left running (mail purged on request)", async () => {
    const r = await bw.run("./uninstall.sh --purge-mail");
    expect(r.code, r.output).toBe(0);
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
    expect((await bw.world.sh(DAEMONS)).stdout.trim()).toBe("");
    expect((await bw.world.sh("ls -d /var/lib/postwright /var/mail/vhosts 2>&1")).stdout).toContain(
      "No such file or directory",
    );
  });
});

describe("install.sh that fails on a fresh box", { timeout: 300_000 }, () => {
  let bw: BundleWorld;
  beforeAll(async () => {
    bw = await bundleWorld("direct-v4-rsa");
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("leaves the box exactly as it was and says so truthfully", async () => {
    const pristine = await bw.world.snapshot();
    await bw.world.sh(
      "setsid /usr/bin/python3 -c 'import socket,time; s=socket.socket(); s.bind((\"0.0.0.0\", 465)); s.listen(); time.sleep(600)' </dev/null >/dev/null 2>&1 &",
    );
    const r = await bw.run("./install.sh");
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("Rolled back: this machine is as it was before this run.");
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
    expect((await bw.world.sh(DAEMONS)).stdout.trim()).toBe("");
  });
});
