import "server-only";
import http from "node:http";
import { findHttpChallengeAnswer } from "./order-record";

const PREFIX = "/.well-known/acme-challenge/";

/**
 * A short-lived HTTP server answering HTTP-01 challenges from the database,
 * for the CLI (the web app answers them itself on its own route).
 */
export async function startHttpChallengeListener(opts: {
  host?: string;
  port: number;
  lookup?: (token: string) => Promise<string | null>;
}) {
  const lookup = opts.lookup ?? findHttpChallengeAnswer;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const answer =
      req.method === "GET" && url.pathname.startsWith(PREFIX)
        ? await lookup(url.pathname.slice(PREFIX.length)).catch(() => null)
        : null;
    res.writeHead(answer ? 200 : 404, { "content-type": "text/plain" });
    res.end(answer ?? "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EACCES"
          ? new Error(`port ${opts.port} needs root (or CAP_NET_BIND_SERVICE) to listen on`)
          : e.code === "EADDRINUSE"
            ? new Error(`port ${opts.port} is already in use (a web server?): stop it, or use DNS-01`)
            : e,
      ),
    );
    server.listen(opts.port, opts.host ?? "0.0.0.0", resolve);
  });
  return { close: () => new Promise<void>((r) => server.close(() => r())) };
}
