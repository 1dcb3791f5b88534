import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * The CLI as a user runs it, in its own process (kill -9 hits it), on the database at `databaseUrl`;
 * its output (stdout and stderr together) readable while it runs.
 */
export function cliProcess(
  args: string[],
  databaseUrl: string,
): { child: ChildProcess; out: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, POSTWRIGHT_ROOT: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const done = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, out: () => out, done };
}
