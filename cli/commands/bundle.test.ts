import { tempDbDir } from "@/test/temp-db";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
    cwd: root,
    env: process.env,
    input,
    encoding: "utf8",
  });

afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

describe("postwright bundle", () => {
  it("writes the same archive twice, with or without private keys; refuses bad usage with exit 2", () => {
    const doc = {
      domain: "bundle.example",
      ipv4: "192.0.2.9",
      adminEmail: "admin@bundle.example",
      delivery: { mode: "relay", host: "smtp.relay.example", port: 465, username: "me", password: "relay-secret-1" },
      dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
      mailboxes: [{ address: "admin@bundle.example", password: "a-long-password-1" }],
    };
    expect(cli(["import", "-"], JSON.stringify(doc)).stderr).toBe("");
    const a = path.join(tempDbDir, "a.tar.gz");
    const b = path.join(tempDbDir, "b.tar.gz");
    // Over an existing world-readable file: the keys must not land in it readable.
    fs.writeFileSync(a, "old", { mode: 0o644 });
    fs.chmodSync(a, 0o644);
    const r = cli(["bundle", "bundle.example", "-o", a]);
    expect(fs.statSync(a).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain("with private keys");
    expect(r.status).toBe(0);
    expect(cli(["bundle", "bundle.example", "-o", b]).status).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    const list = execFileSync("tar", ["-tzf", a], { encoding: "utf8" });
    expect(list).toContain("postwright-bundle.example/files/var/lib/rspamd/dkim/bundle.example.pw1e.key");
    expect(list).toContain("postwright-bundle.example/files/etc/postfix/sasl_passwd");
    const sasl = execFileSync("tar", ["-xzOf", a, "postwright-bundle.example/files/etc/postfix/sasl_passwd"], {
      encoding: "utf8",
    });
    expect(sasl).toBe("[smtp.relay.example]:465 me:relay-secret-1\n");
    const users = execFileSync("tar", ["-xzOf", a, "postwright-bundle.example/files/etc/dovecot/users"], {
      encoding: "utf8",
    });
    expect(users).toMatch(/^admin@bundle\.example:\{BLF-CRYPT\}\$2[aby]\$/);

    const c = path.join(tempDbDir, "c.tar.gz");
    expect(cli(["bundle", "bundle.example", "-o", c, "--no-private-keys"]).status).toBe(0);
    expect(execFileSync("tar", ["-tzf", c], { encoding: "utf8" })).not.toContain(".private");
    expect(fs.statSync(c).mode & 0o777).toBe(0o600);

    expect(cli(["bundle", "nope.example", "-o", c]).status).toBe(2);
    const badOut = cli(["bundle", "bundle.example", "-o", "x.zip"]);
    expect(badOut.status).toBe(2);
    expect(badOut.stderr).toContain("--output must end in .tar.gz");
    expect(cli(["bundle", "bundle.example"]).stderr).toContain("required option '-o, --output <file>'");
  }, 90_000);

  it("refuses a setup whose published addresses would bounce (no mailbox), and a full bundle of a mailbox without password", () => {
    // A draft: no mailbox, an admin address in the domain. postmaster@ would get 550.
    const draft = { domain: "draft.example", ipv4: "192.0.2.19", adminEmail: "me@draft.example" };
    expect(cli(["import", "-"], JSON.stringify(draft)).status).toBe(0);
    const out = path.join(tempDbDir, "draft.tar.gz");
    const r = cli(["bundle", "draft.example", "-o", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "the setup has no mailbox, so postmaster@draft.example, abuse@draft.example and the DMARC and TLS-RPT report address would bounce: add a mailbox",
    );
    expect(cli(["bundle", "draft.example", "-o", out, "--no-private-keys"]).status).toBe(2);
    expect(fs.existsSync(out)).toBe(false);

    // A mailbox imported without its password: the full bundle could not let it log in.
    const noPassword = { ...draft, mailboxes: [{ address: "me@draft.example" }] };
    expect(cli(["import", "-"], JSON.stringify(noPassword)).status).toBe(0);
    const full = cli(["bundle", "draft.example", "-o", out]);
    expect(full.status).toBe(2);
    expect(full.stderr).toContain("no password is stored for me@draft.example");
    expect(full.stderr).toContain("--no-private-keys");
    expect(cli(["bundle", "draft.example", "-o", out, "--no-private-keys"]).status).toBe(0);
    const users = JSON.parse(
      execFileSync("tar", ["-xzOf", out, "postwright-draft.example/manifest.json"], { encoding: "utf8" }),
    ).files.find((f: { target: string }) => f.target === "/etc/dovecot/users");
    expect(users).toMatchObject({ source: null, ask: ["mailbox:me@draft.example"] });
  }, 90_000);
});
