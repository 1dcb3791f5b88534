import "server-only";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MailFile } from "@/lib/mailconf/mail-files";

export type PostconfValidation =
  { available: false } | { available: true; ok: boolean; warnings: string[]; parameters: number };

const POSTCONF = ["/usr/sbin/postconf", "/usr/bin/postconf"];

/** Runs the machine's `postconf -n` on the rendered main.cf and master.cf, when Postfix is installed here. */
export function validateWithPostconf(files: MailFile[]): PostconfValidation {
  const bin = POSTCONF.find((p) => fs.existsSync(p));
  if (!bin) return { available: false };
  const main = files.find((f) => f.path.endsWith("/main.cf"));
  const master = files.find((f) => f.path.endsWith("/master.cf"));
  if (!main || !master) return { available: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-postconf-"));
  try {
    fs.writeFileSync(path.join(dir, "main.cf"), main.content);
    fs.writeFileSync(path.join(dir, "master.cf"), master.content);
    const r = spawnSync(bin, ["-c", dir, "-n"], { encoding: "utf8", timeout: 10_000 });
    const warnings = r.stderr
      .split("\n")
      .map((l) => l.replace(`${dir}/`, ""))
      .filter(Boolean);
    return {
      available: true,
      ok: r.status === 0 && warnings.length === 0,
      warnings,
      parameters: r.stdout.split("\n").filter(Boolean).length - 1,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
