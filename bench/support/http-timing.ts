import http from "node:http";
import https from "node:https";

export interface Timed {
  status: number;
  /** ms from sending the request to the first byte of the body (or the end, for an empty body) */
  ttfb: number;
  /** ms to the last byte */
  total: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const agents = {
  http: new http.Agent({ keepAlive: true }),
  // The wizard serves HTTPS with a certificate it made itself; the bench trusts whatever it is shown.
  https: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
};

/** One request on a kept-alive connection, timed to its first body byte and to its end. */
export function timedRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Timed> {
  const u = new URL(url);
  const secure = u.protocol === "https:";
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = 0;
    const req = (secure ? https : http).request(
      u,
      {
        method: opts.method ?? "GET",
        headers: { "accept-language": "en", ...opts.headers },
        agent: secure ? agents.https : agents.http,
        timeout: opts.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => {
          if (!ttfb) ttfb = performance.now() - t0;
          chunks.push(c);
        });
        res.on("end", () => {
          const total = performance.now() - t0;
          resolve({
            status: res.statusCode ?? 0,
            ttfb: ttfb || total,
            total,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** Polls until the server answers anything at all; returns when that happened (performance.now()). */
export async function firstAnswer(url: string, isDead: () => boolean, limitMs = 120_000): Promise<number> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    if (isDead()) throw new Error(`the server exited before answering ${url}`);
    try {
      await timedRequest(url, { timeoutMs: 5_000 });
      return performance.now();
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`no answer from ${url} within ${limitMs} ms`);
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
