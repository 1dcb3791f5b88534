/** How long the checks page waits after a run before the next (POSTWRIGHT_CHECK_INTERVAL_MS, default 30 s, at least 1 s). */
export function checkIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.POSTWRIGHT_CHECK_INTERVAL_MS);
  return Number.isFinite(n) && n >= 1000 ? n : 30_000;
}
