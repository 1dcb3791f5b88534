import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { createLoginThrottle, throttleKey } from "./rate-limit";

describe("admin password hash", () => {
  it("verifies the right password only", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterz", h)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("login throttle", () => {
  it("lets a few failures through, then makes that address alone wait longer each time", () => {
    let t = 0;
    const th = createLoginThrottle({ freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 4000, now: () => t });
    const fail = (key: string) => {
      const r = th.reserve(key);
      if (!r.ok) throw new Error(`refused after ${r.retryAfterMs} ms`);
      r.done(false);
    };
    fail("a");
    fail("a");
    fail("a"); // third failure: 1 s to wait
    expect(th.reserve("a")).toEqual({ ok: false, retryAfterMs: 1000 });
    // another address is not affected (no global lockout)
    expect(th.reserve("b").ok).toBe(true);
    t = 1000;
    fail("a"); // fourth: 2 s
    t = 2999;
    expect(th.reserve("a").ok).toBe(false);
    t = 3000;
    fail("a"); // fifth: 4 s (the cap)
    t = 6999;
    expect(th.reserve("a").ok).toBe(false);
    t = 7000;
    fail("a");
    t = 11_000;
    const ok = th.reserve("a");
    expect(ok.ok).toBe(true);
    if (ok.ok) ok.done(true);
    expect(th.reserve("a").ok).toBe(true); // success forgets the failures
  });

  it("reserves the try before the hash: simultaneous tries from one address get one evaluation", () => {
    const th = createLoginThrottle();
    const tries = Array.from({ length: 100 }, () => th.reserve("10.0.0.5"));
    expect(tries.filter((r) => r.ok)).toHaveLength(1);
  });

  it("keys IPv6 clients by their /64 and mapped IPv4 as IPv4", () => {
    expect(throttleKey("2001:db8:1:2:aaaa::1")).toBe(throttleKey("2001:db8:1:2:bbbb::9"));
    expect(throttleKey("::ffff:192.168.1.9")).toBe("192.168.1.9");
  });
});
