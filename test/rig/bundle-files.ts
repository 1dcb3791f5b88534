import { execFileSync } from "node:child_process";
import { createHash, createPrivateKey } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MailFile } from "@/lib/mailconf/mail-files";
import type { DkimKeyInput, MailInputs } from "@/lib/mailconf/mail-inputs";
import type { SetupDocument } from "@/lib/setup/schema";

export interface BundleContents {
  /** The bundle's top folder, e.g. postwright-xn--bcher-kva.test */
  folder: string;
  manifest: {
    domain: string;
    hostname: string;
    includePrivateKeys: boolean;
    files: {
      target: string;
      source: string | null;
      mode: string;
      owner: string;
      group: string;
      sha256: string | null;
      postmap: boolean;
      privateKey: boolean;
    }[];
  };
  /** The mail host's files as shipped, in the manifest's order, with its owners and modes */
  files: MailFile[];
  zone: string;
}

function verified(content: string, sha256: string | null, source: string): string {
  if (sha256 && createHash("sha256").update(content).digest("hex") !== sha256)
    throw new Error(`bundle file ${source} does not match its manifest digest`);
  return content;
}

/** Unpacks a downloaded bundle (.tar.gz) with tar, as a user would, and reads its manifest. */
export function readBundle(archive: string): BundleContents {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bundle-"));
  try {
    execFileSync("tar", ["-xzf", archive, "-C", dir]);
    const [folder] = fs.readdirSync(dir);
    const base = path.join(dir, folder);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(base, "manifest.json"), "utf8"),
    ) as BundleContents["manifest"];
    const files: MailFile[] = manifest.files
      .filter((e) => e.source !== null)
      .map((e) => ({
        path: e.target,
        content: verified(fs.readFileSync(path.join(base, e.source!), "utf8"), e.sha256, e.source!),
        mode: parseInt(e.mode, 8),
        owner: e.owner,
        group: e.group,
        syntax: "text",
        ...(e.privateKey ? { privateKey: true } : {}),
        ...(e.postmap ? { postmap: true } : {}),
      }));
    const zone = fs.readFileSync(path.join(base, "dns", `${manifest.domain}.zone`), "utf8");
    return { folder, manifest, files, zone };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The secrets a bundle carries (DKIM keys, mailbox hashes, relay password,
 * certificate), read back from its files, with the setup document: what
 * renders those same files. A test compares the rendering with the bundle.
 */
export function mailInputsFromBundle(files: MailFile[], doc: SetupDocument): MailInputs {
  const content = (p: string) => files.find((f) => f.path === p)?.content;
  // rspamd's key files: DOMAIN.SELECTOR.key, PEM for RSA, base64 of seed ‖ public key for Ed25519.
  const dkimKeys: DkimKeyInput[] = files
    .filter((f) => f.path.startsWith("/var/lib/rspamd/dkim/") && f.path.endsWith(".key"))
    .map((f) => {
      const selector = path.basename(f.path, ".key").slice(doc.domain.length + 1);
      if (f.content.startsWith("-----BEGIN")) return { selector, algorithm: "rsa-2048", privateKeyPem: f.content };
      const seed = Buffer.from(f.content.trim(), "base64").subarray(0, 32);
      const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
      const pem = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }).export({
        type: "pkcs8",
        format: "pem",
      });
      return { selector, algorithm: "ed25519", privateKeyPem: pem.toString() };
    });
  const mailboxes = (content("/etc/dovecot/users") ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [address, password] = l.split(":");
      return { address, passwordHash: password.replace(/^\{BLF-CRYPT\}/, "") };
    });
  const sasl = content("/etc/postfix/sasl_passwd");
  const chainPem = content("/etc/postwright/tls/fullchain.pem");
  const privateKeyPem = content("/etc/postwright/tls/privkey.pem");
  return {
    doc,
    dkimKeys,
    mailboxes,
    ...(sasl
      ? {
          relayPassword: sasl
            .trim()
            .split(" ")
            .slice(1)
            .join(" ")
            .replace(/^[^:]*:/, ""),
        }
      : {}),
    ...(chainPem && privateKeyPem ? { certificate: { chainPem, privateKeyPem } } : {}),
  };
}
