import { describe, expect, it } from "vitest";
import type { DnsQuery, DnsResponse } from "./dns-client";
import { createSharedDnsCache } from "./shared-dns-cache";

const answer = (ttl: number): DnsResponse => ({
  rcode: "NOERROR",
  aa: true,
  ad: false,
  tc: false,
  answers: [{ name: "a.test", type: "A", ttl, data: "192.0.2.1" }],
  authorities: [],
});
const q = { server: { host: "127.0.0.1", port: 53 }, name: "a.test", type: "A", recurse: false };

describe("shared DNS cache", () => {
  it("asks once for many callers at once, reuses within the TTL (capped), forgets errors", async () => {
    let t = 0;
    let calls = 0;
    let fail = false;
    const inner: DnsQuery = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error("timeout");
      return answer(3);
    };
    const cache = createSharedDnsCache(inner, { now: () => t, maxAgeMs: 5000 });
    const signal = new AbortController().signal;
    await Promise.all(Array.from({ length: 50 }, () => cache.query(q, signal)));
    expect(calls).toBe(1);
    t = 2999;
    await cache.query(q, signal);
    expect(calls).toBe(1);
    t = 3001; // TTL 3 s passed
    fail = true;
    await expect(cache.query(q, signal)).rejects.toThrow("timeout");
    fail = false;
    await cache.query(q, signal);
    expect(calls).toBe(3);
    expect(cache.stats()).toEqual({ sent: 3, shared: 50 });
  });

  it("lets one caller give up without failing the others", async () => {
    let release!: () => void;
    const inner: DnsQuery = () => new Promise((r) => (release = () => r(answer(60))));
    const cache = createSharedDnsCache(inner);
    const quitter = new AbortController();
    const a = cache.query(q, quitter.signal);
    const b = cache.query(q, new AbortController().signal);
    quitter.abort(new Error("page closed"));
    await expect(a).rejects.toThrow("page closed");
    release();
    await expect(b).resolves.toMatchObject({ rcode: "NOERROR" });
  });
});
