import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDnsPlan } from "@/lib/dns/plan";
import {
  dkimKeysFor,
  dkimPublicValue,
  mailInputs,
  selfSignedCertificate,
  setupDocument,
  type Variant,
} from "@/test/mail/fixtures";
import { buildBundle, type BundleInputs } from "./build-bundle";
import type { ManifestEntry } from "./bundle-manifest";

const certificate = selfSignedCertificate(["mail.example.test", "mta-sts.example.test"]);
function inputs(variant: Variant, includePrivateKeys = true, renewal: BundleInputs["renewal"] = null): BundleInputs {
  const doc = setupDocument(variant);
  const plan = buildDnsPlan(doc, {
    dkimKeys: dkimKeysFor(doc).map((k) => ({
      selector: k.selector,
      algorithm: k.algorithm,
      publicKey: dkimPublicValue(k),
      status: "active" as const,
    })),
  });
  return { mail: mailInputs(variant, { doc, certificate }), plan, zoneSerial: 7, includePrivateKeys, renewal };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bundle-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function extract(bytes: Buffer, name: string) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(`${dir}.tar.gz`, bytes);
  execFileSync("tar", ["-xzf", `${dir}.tar.gz`, "-C", dir]);
  return path.join(dir, "postwright-example.test");
}

describe("buildBundle", () => {
  it("gives the same bytes for the same inputs, with a gzip header without a timestamp", async () => {
    const a = await buildBundle(inputs("direct-v6-both"));
    const b = await buildBundle(inputs("direct-v6-both"));
    expect(createHash("sha256").update(a).digest("hex")).toBe(createHash("sha256").update(b).digest("hex"));
    expect(a.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(a.readUInt32LE(4)).toBe(0);
    const other = await buildBundle(inputs("direct-v4-rsa"));
    expect(other.equals(a)).toBe(false);
  });

  it("holds every file at its target path with its digest, an install.sh bash accepts, the zone file and a README", async () => {
    const root = extract(
      await buildBundle(
        inputs("relay-465", true, {
          method: "http-01",
          directoryUrl: "https://acme.example/dir",
          email: "alice@example.test",
          names: ["mail.example.test"],
        }),
      ),
      "full",
    );
    const manifest = JSON.parse(fs.readFileSync(`${root}/manifest.json`, "utf8")) as { files: ManifestEntry[] };
    expect(manifest.files.map((f) => f.target)).toEqual(
      expect.arrayContaining([
        "/etc/postfix/main.cf",
        "/etc/postfix/master.cf",
        "/etc/postfix/sasl_passwd",
        "/etc/dovecot/dovecot.conf",
        "/etc/dovecot/users",
        "/etc/rspamd/local.d/dkim_signing.conf",
        "/var/lib/rspamd/dkim/example.test.pw1.key",
        "/etc/postwright/tls/fullchain.pem",
        "/etc/postwright/tls/privkey.pem",
        "/var/www/mta-sts/.well-known/mta-sts.txt",
      ]),
    );
    for (const f of manifest.files) {
      const body = fs.readFileSync(path.join(root, f.source!));
      expect(createHash("sha256").update(body).digest("hex"), f.target).toBe(f.sha256);
    }
    expect(manifest.files.find((f) => f.target.endsWith("pw1.key"))).toMatchObject({
      mode: "0600",
      owner: "_rspamd",
      group: "_rspamd",
      privateKey: true,
    });
    expect(manifest.files.find((f) => f.target.endsWith("sasl_passwd"))).toMatchObject({
      mode: "0600",
      owner: "root",
      postmap: true,
    });
    expect(fs.statSync(`${root}/files/etc/postfix/sasl_passwd`).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${root}/install.sh`).mode & 0o777).toBe(0o755);
    const syntax = spawnSync("bash", ["-n", `${root}/install.sh`], { encoding: "utf8" });
    expect(syntax.stderr).toBe("");
    const script = fs.readFileSync(`${root}/install.sh`, "utf8");
    expect(script).toContain("trap rollback EXIT");
    expect(script).toContain("postfix check");
    expect(script).toContain("certbot 'certonly'");
    expect(fs.readFileSync(`${root}/dns/example.test.zone`, "utf8")).toMatch(/pw1\._domainkey\s.*TXT/);
    const readme = fs.readFileSync(`${root}/README.md`, "utf8");
    expect(readme).toContain("# Mail server for example.test");
    // The README names each alias the bundle installs, role addresses to the role mailbox.
    const aliases = fs
      .readFileSync(`${root}/files/etc/postfix/virtual_aliases`, "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(/\s+/).join(" → "));
    expect(aliases).toContain("postmaster@example.test → alice@example.test");
    for (const a of aliases) expect(readme).toContain(a);
    const pc = spawnSync("postconf", ["-c", `${root}/files/etc/postfix`, "-n"], { encoding: "utf8" });
    expect(pc.stderr).toBe("");
    expect(pc.stdout).toContain("smtp_tls_wrappermode = yes");
  });

  it("leaves the private keys out when asked, and says which", async () => {
    const root = extract(await buildBundle(inputs("direct-v6-both", false)), "nokeys");
    const all = execFileSync("find", [root, "-type", "f"], { encoding: "utf8" });
    expect(all).not.toMatch(/dkim\/.*\.key|privkey\.pem/);
    expect(all).toContain("fullchain.pem");
    const manifest = JSON.parse(fs.readFileSync(`${root}/manifest.json`, "utf8")) as { files: ManifestEntry[] };
    expect(
      manifest.files
        .filter((f) => f.source === null)
        .map((f) => f.target)
        .sort(),
    ).toEqual([
      "/etc/dovecot/users",
      "/etc/postwright/tls/privkey.pem",
      "/var/lib/rspamd/dkim/example.test.pw1.key",
      "/var/lib/rspamd/dkim/example.test.pw1e.key",
    ]);
    // No secret at all: not even the mailboxes' password hashes (install.sh asks for each password).
    expect(manifest.files.find((f) => f.target === "/etc/dovecot/users")?.ask).toEqual([
      "mailbox:alice@example.test",
      "mailbox:bob@example.test",
    ]);
    const tar = execFileSync("tar", ["-xzOf", `${path.dirname(root)}.tar.gz`], { encoding: "latin1" });
    expect(tar).not.toMatch(/\$2[aby]\$/);
    const readme = fs.readFileSync(`${root}/README.md`, "utf8");
    expect(readme).toContain("/var/lib/rspamd/dkim/example.test.pw1e.key");
    expect(readme).toContain("--secret mailbox:alice@example.test=FILE");
    expect(spawnSync("bash", ["-n", `${root}/install.sh`]).status).toBe(0);
    const tarList = execFileSync("tar", ["-tzvf", `${path.dirname(root)}.tar.gz`], { encoding: "utf8" });
    expect(tarList).toMatch(/root\/root .* 2000-01-01 00:00 postwright-example\.test\/install\.sh/);
  });
});
