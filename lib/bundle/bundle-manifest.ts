import { createHash } from "node:crypto";
import type { MailFile } from "@/lib/mailconf/mail-files";

export interface ManifestEntry {
  /** Where install.sh puts the file on the mail host */
  target: string;
  /** Where it is in the archive, below the bundle folder; null when left out (a private key) */
  source: string | null;
  mode: string;
  owner: string;
  group: string;
  sha256: string | null;
  privateKey: boolean;
  postmap: boolean;
  /** The secrets install.sh asks for, a line each, when the file is left out (see MailFile.ask) */
  ask?: string[];
}

export const archivePath = (target: string) => `files${target}`;

/** The owners and modes install.sh applies (a tar's own owner fields are not trusted on extraction). */
export function bundleManifest(files: MailFile[], includePrivateKeys: boolean): ManifestEntry[] {
  return files.map((f) => {
    const included = includePrivateKeys || !f.privateKey;
    return {
      target: f.path,
      source: included ? archivePath(f.path) : null,
      mode: f.mode.toString(8).padStart(4, "0"),
      owner: f.owner,
      group: f.group,
      sha256: included ? createHash("sha256").update(f.content).digest("hex") : null,
      privateKey: Boolean(f.privateKey),
      postmap: Boolean(f.postmap),
      ...(f.ask ? { ask: f.ask.map((a) => a.id) } : {}),
    };
  });
}
