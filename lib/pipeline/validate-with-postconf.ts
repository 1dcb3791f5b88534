import "server-only";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MailFile } from "@/lib/mailconf/mail-files";

export type PostconfValidation =
  { available: false } | { available: true; ok: boolean; warnings: string[]; parameters: number };

const POSTCONF = ["/usr/sbin/postconf", "/usr/bin/postconf"];
const KEEP = 32;
/** Answers by content (the binary and both files), newest last; a check under way is shared, not repeated. */
const answers = new Map<string, Promise<PostconfValidation>>();

/** The machine's postconf (POSTWRIGHT_POSTCONF names another), if Postfix is installed here. */
export function postconfBinary(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.POSTWRIGHT_POSTCONF?.trim()) return env.POSTWRIGHT_POSTCONF.trim();
  return POSTCONF.find((p) => fs.existsSync(p));
}

/**
 * Runs `postconf -n` on the rendered main.cf and master.cf, without blocking:
 * the same files get the same answer from memory.
 */
export function validateWithPostconf(files: MailFile[], bin = postconfBinary()): Promise<PostconfValidation> {
  const main = files.find((f) => f.path.endsWith("/main.cf"));
  const master = files.find((f) => f.path.endsWith("/master.cf"));
  if (!bin || !main || !master) return Promise.resolve({ available: false });
  const key = createHash("sha256").update(`${bin}\0${main.content}\0${master.content}`).digest("hex");
  const known = answers.get(key);
  if (known) {
    answers.delete(key);
    answers.set(key, known);
    return known;
  }
  const answer = runPostconf(bin, main.content, master.content);
  answers.set(key, answer);
  if (answers.size > KEEP) answers.delete(answers.keys().next().value!);
  answer.catch(() => answers.delete(key));
  return answer;
}

async function runPostconf(bin: string, mainCf: string, masterCf: string): Promise<PostconfValidation> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "pw-postconf-"));
  try {
    const written = new Date(Date.now() - 60_000);
    for (const [name, content] of [
      ["main.cf", mainCf],
      ["master.cf", masterCf],
    ]) {
      // (turbopackIgnore: a temporary file, not one of the app's to trace into the build.)
      const file = path.join(dir, name);
      await fs.promises.writeFile(/*turbopackIgnore: true*/ file, content);
      // Postfix waits, in 300 ms steps, until a configuration file is more than a second old
      // (it may still be being written): these are complete, so they are dated in the past.
      await fs.promises.utimes(/*turbopackIgnore: true*/ file, written, written);
    }
    const { status, stdout, stderr } = await new Promise<{ status: number; stdout: string; stderr: string }>(
      (resolve, reject) =>
        execFile(bin, ["-c", dir, "-n"], { encoding: "utf8", timeout: 10_000 }, (error, stdout, stderr) => {
          if (error && typeof error.code !== "number") reject(error);
          else resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
        }),
    );
    const warnings = stderr
      .split("\n")
      .map((l) => l.replaceAll(`${dir}/`, ""))
      .filter(Boolean);
    return {
      available: true,
      ok: status === 0 && warnings.length === 0,
      warnings,
      parameters: stdout.split("\n").filter(Boolean).length - 1,
    };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
