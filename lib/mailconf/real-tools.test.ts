import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postfixAlternate } from "@/test/rig/postfix-alternate";
import { mailInputs, selfSignedCertificate, VARIANTS } from "@/test/mail/fixtures";
import { rootedDeployment } from "@/test/mail/rooted-deployment";
import { renderMailFiles } from "./mail-files";
import { postfixMainParameters } from "./postfix-main-cf";

// The acceptance: what the real Postfix, Dovecot and rspamd say of the rendered files.

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Parses `postconf -n` output into name → value. */
export function parsePostconf(out: string): Map<string, string> {
  return new Map(
    out
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const i = l.indexOf(" = ");
        return i < 0 ? [l.replace(/ =$/, ""), ""] : [l.slice(0, i), l.slice(i + 3)];
      }),
  );
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.reverse().forEach((c) => c()));

const certificate = selfSignedCertificate(["mail.example.test"]);

describe.each(VARIANTS)("rendered configuration, %s", (variant) => {
  it("Postfix: postconf -n reads back exactly the parameters, with no warning; postmap and postfix check pass", () => {
    const inputs = mailInputs(variant, { certificate });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pw-postfix-${variant}-`));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const f of renderMailFiles(inputs).filter((f) => f.path.startsWith("/etc/postfix/"))) {
      fs.writeFileSync(path.join(dir, path.basename(f.path)), f.content, { mode: f.mode });
    }
    const pc = run("postconf", ["-c", dir, "-n"]);
    expect(pc.stderr).toBe("");
    expect(pc.code).toBe(0);
    const read = parsePostconf(pc.stdout);
    expect(read.get("config_directory")).toBe(dir); // set by -c itself
    read.delete("config_directory");
    expect(read).toEqual(new Map(postfixMainParameters(inputs)));

    const maps = [
      "virtual_mailboxes",
      "virtual_aliases",
      "sender_logins",
      ...(variant.startsWith("relay") ? ["sasl_passwd", "tls_policy"] : []),
    ];
    for (const m of maps) {
      const r = run("postmap", ["-c", dir, `hash:${dir}/${m}`]);
      expect(r.stderr, m).toBe("");
      expect(fs.existsSync(`${dir}/${m}.db`)).toBe(true);
    }
    const alternate = postfixAlternate(dir);
    try {
      const check = run(...alternate.command("postfix", ["-c", dir, "check"]));
      expect(check.stderr + check.stdout).toBe("");
      expect(check.code).toBe(0);
    } finally {
      alternate.release();
    }
    if (variant.startsWith("relay")) {
      const key = `[smtp.relay.test]:${variant === "relay-465" ? 465 : 587}`;
      expect(run("postmap", ["-c", dir, "-q", key, `hash:${dir}/sasl_passwd`]).stdout.trim()).toMatch(
        /^relay-user(@example\.test)?:relay pass:with#odd\$chars$/,
      );
      expect(parsePostconf(pc.stdout).get("relayhost")).toBe(key);
    }
  });

  it("Dovecot (doveconf -n), Sieve (sievec) and rspamd (rspamadm configtest) accept their configuration", () => {
    const root = path.join("/var/lib/postwright-test", randomBytes(6).toString("hex"));
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
    cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }));
    const inputs = mailInputs(variant, {
      certificate,
      deployment: rootedDeployment(root, { mailUser: "nobody", mailGroup: "nogroup" }),
    });
    for (const f of renderMailFiles(inputs)) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true, mode: 0o755 });
      fs.writeFileSync(f.path, f.content, { mode: f.mode });
    }
    const dc = run("doveconf", ["-n", "-c", `${root}/etc/dovecot/dovecot.conf`]);
    expect(dc.stderr).toBe("");
    expect(dc.code).toBe(0);
    expect(dc.stdout).toMatch(/inet_listener imaps \{\n\s+port = 993\n\s+ssl = yes/);
    expect(dc.stdout.includes("pop3s")).toBe(inputs.doc.pop3s);
    const settings = run("doveconf", [
      "-c",
      `${root}/etc/dovecot/dovecot.conf`,
      "disable_plaintext_auth",
      "ssl",
      "auth_mechanisms",
    ]).stdout;
    expect(settings).toBe("disable_plaintext_auth = yes\nssl = required\nauth_mechanisms = plain login\n");
    const sieve = run("sievec", [`${root}/etc/dovecot/sieve/spam-to-junk.sieve`]);
    expect(sieve.stderr + sieve.stdout).toBe("");
    expect(sieve.code).toBe(0);

    const rspamd = run("rspamadm", [
      `--var=LOCAL_CONFDIR=${root}/etc/rspamd`,
      `--var=DBDIR=${root}/var/lib/rspamd`,
      "configtest",
      "-c",
      "/etc/rspamd/rspamd.conf",
    ]);
    expect(rspamd.stdout).toMatch(/^syntax OK$/m);
    expect(rspamd.code).toBe(0);
    const dump = run("rspamadm", [
      `--var=LOCAL_CONFDIR=${root}/etc/rspamd`,
      "configdump",
      "-c",
      "/etc/rspamd/rspamd.conf",
    ]);
    // Both keys in one signer, the controller on loopback with no password-free address.
    expect(dump.stdout).toMatch(/selector = "pw1";/);
    expect(dump.stdout.includes('selector = "pw1e";')).toBe(inputs.doc.dkim.algorithms.length === 2);
    const controller = /\bcontroller \{([^}]*)\}/.exec(dump.stdout)?.[1] ?? "";
    expect(controller).toContain("secure_ip = null;");
    expect(controller).toContain('bind_socket = "127.0.0.1:11334";');
  });
});
