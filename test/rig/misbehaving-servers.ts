import dgram from "node:dgram";
import { execFileSync } from "node:child_process";
import net from "node:net";
import { ensureLoopbackAddress } from "./ports";

export interface Stoppable {
  stop(): Promise<void>;
}

/** A "nameserver" that reads every UDP question and accepts every TCP connection, and never answers either. */
export async function startSilentServer(address: string, port: number): Promise<Stoppable> {
  ensureLoopbackAddress(address);
  const udp = dgram.createSocket("udp4");
  udp.on("message", () => {});
  await new Promise<void>((r, fail) => udp.once("error", fail).bind(port, address, r));
  const held = new Set<net.Socket>();
  const tcp = net.createServer((s) => {
    held.add(s);
    s.on("error", () => {});
    s.once("close", () => held.delete(s));
  });
  await new Promise<void>((r, fail) => tcp.once("error", fail).listen(port, address, r));
  return {
    async stop() {
      for (const s of held) s.destroy();
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
      ]);
    },
  };
}

/** A nameserver that answers late: every UDP question and TCP connection is passed to `upstream` after `delayMs`. */
export async function startSlowProxy(
  address: string,
  port: number,
  upstream: { host: string; port: number },
  delayMs: number,
): Promise<Stoppable> {
  ensureLoopbackAddress(address);
  const timers = new Set<NodeJS.Timeout>();
  const later = (f: () => void) => {
    const t = setTimeout(() => (timers.delete(t), f()), delayMs);
    timers.add(t);
  };
  const udp = dgram.createSocket("udp4");
  udp.on("message", (msg, from) => {
    later(() => {
      const up = dgram.createSocket("udp4");
      const done = setTimeout(() => up.close(), 5000);
      up.on("message", (answer) => {
        clearTimeout(done);
        udp.send(answer, from.port, from.address);
        up.close();
      });
      up.on("error", () => {});
      up.send(msg, upstream.port, upstream.host);
    });
  });
  await new Promise<void>((r, fail) => udp.once("error", fail).bind(port, address, r));
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("error", () => {});
    s.once("close", () => sockets.delete(s));
  };
  const tcp = net.createServer((client) => {
    track(client);
    client.pause();
    later(() => {
      const up = net.connect(upstream.port, upstream.host);
      track(up);
      client.pipe(up).pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((r, fail) => tcp.once("error", fail).listen(port, address, r));
  return {
    async stop() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
      ]);
    },
  };
}

/**
 * Routes that make addresses misbehave as a broken network does: `unreachable`
 * (connect fails at once with EHOSTUNREACH) and `dropped` (packets vanish:
 * connections time out). Only inside the test's own network namespace, or on CI.
 */
export function addTestRoutes(routes: { unreachable?: string; dropped?: string }): () => void {
  const added: string[][] = [];
  const add = (args: string[]) => {
    try {
      execFileSync("ip", ["route", "add", ...args], { stdio: "ignore" });
      added.push(args);
    } catch {
      // Already there (another test file in the same namespace): fine.
    }
  };
  if (routes.unreachable) add(["unreachable", routes.unreachable]);
  if (routes.dropped) add([routes.dropped, "dev", "lo"]);
  return () => {
    for (const args of added) {
      try {
        execFileSync("ip", ["route", "del", ...args], { stdio: "ignore" });
      } catch {}
    }
  };
}
