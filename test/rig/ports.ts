import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import net from "node:net";

/**
 * A port where nothing listens, for "nothing answers there" tests: 3 (an old IANA "compressnet"),
 * privileged, served by nothing in the rig, and not on fetch's list of blocked ports (1 is). A port found
 * free by `freePort` is free again at once: another test's server may take that number before the test
 * connects.
 */
export const CLOSED_PORT = 3;

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

/**
 * One port free for both TCP and UDP on every one of `hosts`, for a DNS tree
 * that lives on one port (BIND's `port`). Picked below the kernel's ephemeral
 * range (32768-60999): there every UDP client socket (the checks' questions,
 * a recursive BIND's queries, any other test's in the same namespace) binds
 * 0.0.0.0:PORT, and a port that is free for TCP can then be taken for UDP,
 * so a server binding it would fail (EADDRINUSE) after the TCP probe said yes.
 */
export async function commonDnsPort(hosts: string[]): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const held: (() => void)[] = [];
    const take = (h: string) =>
      Promise.all([
        new Promise<boolean>((res) => {
          const s = net.createServer();
          s.once("error", () => res(false)).listen(port, h, () => (held.push(() => s.close()), res(true)));
        }),
        new Promise<boolean>((res) => {
          const u = dgram.createSocket("udp4");
          u.once("error", () => res(false)).bind(port, h, () => (held.push(() => u.close()), res(true)));
        }),
      ]);
    const ok = (await Promise.all(hosts.map(take))).flat().every(Boolean);
    for (const release of held) release();
    if (ok) return port;
  }
  throw new Error(`no port free for TCP and UDP on ${hosts.join(", ")}`);
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
