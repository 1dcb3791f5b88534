import ipaddr from "ipaddr.js";

/**
 * Login throttle per client address: a few failures are free, then each one
 * doubles the wait before that address may try again (up to `maxDelayMs`).
 * No global limit, so nobody can lock the admin out from another address. A
 * try is reserved before the password is hashed (one at a time per address), so
 * simultaneous requests cannot all slip through.
 */
export function createLoginThrottle(
  opts: {
    freeFailures?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
    forgetMs?: number;
    now?: () => number;
  } = {},
) {
  const { freeFailures = 3, baseDelayMs = 1000, maxDelayMs = 15 * 60_000, forgetMs = 24 * 3600_000 } = opts;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { failures: number; nextAt: number; busy: boolean; seenAt: number }>();
  const delay = (failures: number) =>
    failures <= freeFailures ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, failures - freeFailures - 1));

  function entry(key: string) {
    let e = entries.get(key);
    if (e && !e.busy && now() - e.seenAt > forgetMs) {
      entries.delete(key);
      e = undefined;
    }
    if (!e) {
      if (entries.size >= 50_000) {
        // Forget the oldest idle entry (Map keeps insertion order).
        for (const [k, v] of entries)
          if (!v.busy) {
            entries.delete(k);
            break;
          }
      }
      e = { failures: 0, nextAt: 0, busy: false, seenAt: now() };
      entries.set(key, e);
    }
    return e;
  }

  return {
    /**
     * A try for `key`: `{ ok: false, retryAfterMs }` while it must wait or one of
     * its tries is under way; else `{ ok: true, done(success) }`, to call once.
     */
    reserve(key: string): { ok: false; retryAfterMs: number } | { ok: true; done(success: boolean): void } {
      const e = entry(key);
      const t = now();
      if (e.busy) return { ok: false, retryAfterMs: Math.max(1000, e.nextAt - t) };
      if (t < e.nextAt) return { ok: false, retryAfterMs: e.nextAt - t };
      e.busy = true;
      e.seenAt = t;
      let settled = false;
      return {
        ok: true,
        done(success: boolean) {
          if (settled) return;
          settled = true;
          e.busy = false;
          if (success) {
            entries.delete(key);
            return;
          }
          e.failures++;
          e.seenAt = now();
          e.nextAt = e.seenAt + delay(e.failures);
        },
      };
    },
  };
}

/** The throttle's key for an address: IPv6 clients by their /64 (one home, one key), IPv4 as it is. */
export function throttleKey(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 100);
  const a = ipaddr.parse(address);
  if (a.kind() === "ipv6") {
    const v6 = a as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return `${v6.parts
      .slice(0, 4)
      .map((p) => p.toString(16))
      .join(":")}::/64`;
  }
  return a.toString();
}

const globalForThrottle = globalThis as unknown as { postwrightLoginThrottle?: ReturnType<typeof createLoginThrottle> };
/** The one login throttle of this process (admin login, password change). */
export const loginThrottle = (globalForThrottle.postwrightLoginThrottle ??= createLoginThrottle());
