import "server-only";
import type net from "node:net";
import tls from "node:tls";

// Building a context from ~140 system roots costs milliseconds: once per set of extra CAs, not per connection.
const contexts = new Map<string, tls.SecureContext>();
function contextFor(extra?: string[]): tls.SecureContext | undefined {
  if (!extra?.length) return undefined;
  const key = extra.join("\n");
  let c = contexts.get(key);
  if (!c) {
    c = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, c);
  }
  return c;
}

/** Wraps a connected socket in TLS for `servername`, verifying the certificate (and the extra CAs, if any). */
export function startTls(
  socket: net.Socket,
  servername: string,
  signal: AbortSignal,
  extra?: string[],
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ socket, servername, secureContext: contextFor(extra), rejectUnauthorized: true });
    const onAbort = () => {
      s.destroy();
      reject(new Error(`TLS with ${servername}: no handshake before the deadline`));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    s.once("secureConnect", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(s);
    });
    s.once("error", (e) => {
      signal.removeEventListener("abort", onAbort);
      s.destroy();
      reject(e);
    });
  });
}

/** Reads everything until the peer closes (at most `max` bytes), or the deadline. */
export function readAll(s: net.Socket, signal: AbortSignal, max = 65_536): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const onAbort = () => {
      s.destroy();
      reject(new Error("no complete answer before the deadline"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      if (buf.length > max) s.destroy();
    });
    s.once("close", () => {
      signal.removeEventListener("abort", onAbort);
      resolve(buf);
    });
    s.once("error", (e) => {
      signal.removeEventListener("abort", onAbort);
      reject(e);
    });
  });
}
