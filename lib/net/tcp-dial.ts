import "server-only";
import net from "node:net";
import type { HostPort } from "./host-port";

/** A TCP connection that gives up when `signal` aborts. */
export function tcpDial(target: HostPort, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error(`${target.host}:${target.port}: deadline passed`));
    const s = net.connect({ host: target.host, port: target.port });
    const onAbort = () => {
      s.destroy();
      reject(
        Object.assign(new Error(`${target.host}:${target.port}: no connection before the deadline`), {
          code: "ETIMEDOUT",
        }),
      );
    };
    signal.addEventListener("abort", onAbort, { once: true });
    s.once("connect", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(s);
    });
    s.once("error", (e) => {
      signal.removeEventListener("abort", onAbort);
      reject(e);
    });
  });
}

/** Whether a TCP connection to `target` opens within `timeoutMs` (the connection is closed at once). */
export function canConnect(target: HostPort, timeoutMs = 2000): Promise<boolean> {
  return tcpDial(target, AbortSignal.timeout(timeoutMs)).then(
    (s) => (s.destroy(), true),
    () => false,
  );
}
