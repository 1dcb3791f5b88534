import "server-only";
import type net from "node:net";
import tls from "node:tls";
import type { CheckContext } from "./check-context";

/** Wraps a connected socket in TLS for `servername`, verifying the certificate (and the extra test CAs, if any). */
export function startTls(ctx: CheckContext, socket: net.Socket, servername: string): Promise<tls.TLSSocket> {
  const extra = ctx.run.deps.tlsCa;
  return new Promise((resolve, reject) => {
    const s = tls.connect({
      socket,
      servername,
      ca: extra?.length ? [...tls.rootCertificates, ...extra] : undefined,
      rejectUnauthorized: true,
    });
    const onAbort = () => {
      s.destroy();
      reject(new Error(`TLS with ${servername}: no handshake before the deadline`));
    };
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    s.once("secureConnect", () => {
      ctx.signal.removeEventListener("abort", onAbort);
      resolve(s);
    });
    s.once("error", (e) => {
      ctx.signal.removeEventListener("abort", onAbort);
      s.destroy();
      reject(e);
    });
  });
}

/** Reads everything until the peer closes (at most `max` bytes), or the deadline. */
export function readAll(ctx: CheckContext, s: net.Socket, max = 65_536): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const onAbort = () => {
      s.destroy();
      reject(new Error("no complete answer before the deadline"));
    };
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      if (buf.length > max) s.destroy();
    });
    s.once("close", () => {
      ctx.signal.removeEventListener("abort", onAbort);
      resolve(buf);
    });
    s.once("error", (e) => {
      ctx.signal.removeEventListener("abort", onAbort);
      reject(e);
    });
  });
}
