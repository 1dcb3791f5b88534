/** A fixed-window failure counter per key (client address): too many failures lock the key out for a while. */
export function createRateLimiter(opts: { max: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Milliseconds to wait before trying again, or 0. */
    retryAfter(key: string): number {
      const f = failures.get(key);
      if (!f) return 0;
      if (f.resetAt <= now()) {
        failures.delete(key);
        return 0;
      }
      return f.count >= opts.max ? f.resetAt - now() : 0;
    },
    fail(key: string): void {
      const f = failures.get(key);
      if (!f || f.resetAt <= now()) failures.set(key, { count: 1, resetAt: now() + opts.windowMs });
      else f.count++;
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}

export const loginLimiter = createRateLimiter({ max: 5, windowMs: 15 * 60 * 1000 });
