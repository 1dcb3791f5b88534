import type { DnsQuery, DnsQuestion, DnsResponse } from "./dns-client";

export interface SharedDnsCacheOptions {
  now?: () => number;
  /** Longest an answer is reused, whatever its TTL: live checks must see new records soon. */
  maxAgeMs?: number;
  /** Longest one shared question may take before callers are on their own. */
  queryTimeoutMs?: number;
  maxEntries?: number;
}

export interface SharedDnsCache {
  query: DnsQuery;
  /** Questions sent to a server, and questions answered from another caller's answer. */
  stats(): { sent: number; shared: number };
}

const keyOf = (q: DnsQuestion) =>
  `${q.server.host}|${q.server.port}|${q.recurse ? 1 : 0}|${q.dnssec ? 1 : 0}|${q.type}|${q.name.toLowerCase()}`;

function ttlMs(r: DnsResponse): number {
  const ttls = [...r.answers, ...r.authorities].map((x) => x.ttl).filter((t) => Number.isFinite(t));
  return ttls.length ? Math.min(...ttls) * 1000 : 0;
}

/**
 * One DNS cache for every check run of this process: a question asked by many
 * runs at once (50 people polling the Checks page) goes out once, and its
 * answer is reused within its TTL (capped by maxAgeMs). Errors are never kept.
 */
export function createSharedDnsCache(inner: DnsQuery, opts: SharedDnsCacheOptions = {}): SharedDnsCache {
  const now = opts.now ?? Date.now;
  const maxAgeMs = opts.maxAgeMs ?? 5000;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 10_000;
  const maxEntries = opts.maxEntries ?? 5000;
  const entries = new Map<string, { expires: number; answer: Promise<DnsResponse> }>();
  let sent = 0;
  let shared = 0;

  const query: DnsQuery = (q, signal) => {
    const key = keyOf(q);
    const hit = entries.get(key);
    let answer: Promise<DnsResponse>;
    if (hit && hit.expires > now()) {
      shared++;
      answer = hit.answer;
    } else {
      sent++;
      // The shared question has its own timeout: one caller giving up must not fail the others.
      answer = inner(q, AbortSignal.timeout(queryTimeoutMs));
      const entry = { expires: Number.POSITIVE_INFINITY, answer };
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      answer.then(
        (r) => {
          entry.expires = now() + Math.min(ttlMs(r), maxAgeMs);
          if (entry.expires <= now()) entries.delete(key);
        },
        () => entries.get(key) === entry && entries.delete(key),
      );
    }
    return new Promise<DnsResponse>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  };
  return { query, stats: () => ({ sent, shared }) };
}
