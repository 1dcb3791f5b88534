import { execFileSync } from "node:child_process";
import net from "node:net";

/** A TCP port free on `host` right now (the OS picks it). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Puts a 127.x.y.z address on lo so a daemon can listen on it (BIND only binds carried addresses). */
export function ensureLoopbackAddress(address: string): void {
  if (address === "127.0.0.1") return;
  const shown = execFileSync("ip", ["-o", "addr", "show", "dev", "lo"], { encoding: "utf8" });
  if (shown.includes(` ${address}/`)) return;
  try {
    execFileSync("ip", ["addr", "add", `${address}/32`, "dev", "lo"], { stdio: "ignore" });
  } catch {
    // Raced with another test adding the same address: fine if it is there now.
    if (!execFileSync("ip", ["-o", "addr", "show", "dev", "lo"], { encoding: "utf8" }).includes(` ${address}/`))
      throw new Error(`cannot add ${address} to lo`);
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Stops a daemon the test started (SIGTERM) and waits until it has exited; nothing when it already has. */
export async function stopChild(child: import("node:child_process").ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
