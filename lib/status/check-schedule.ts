import "server-only";

// Kept on globalThis: instrumentation and the pages are bundled apart, and each
// bundle would otherwise have its own copy of this module's state.
const state = globalThis as unknown as { postwrightCheckSchedule?: { timer: NodeJS.Timeout; nextRunAt: Date } };

/** When the schedule runs next (null when it is off). */
export function nextScheduledCheck(): Date | null {
  return state.postwrightCheckSchedule?.nextRunAt ?? null;
}

export function scheduleMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.POSTWRIGHT_CHECK_SCHEDULE_MINUTES ?? 60);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
}

/**
 * Re-runs every check of every setup while the app runs, every
 * POSTWRIGHT_CHECK_SCHEDULE_MINUTES (default 60; 0 turns it off), so the status
 * page shows what changed even when nobody had it open. Never keeps the process alive.
 */
export function startCheckSchedule(env: NodeJS.ProcessEnv = process.env): void {
  const minutes = scheduleMinutes(env);
  if (state.postwrightCheckSchedule || !minutes) return;
  const every = minutes * 60_000;
  const timer = setInterval(() => {
    schedule.nextRunAt = new Date(Date.now() + every);
    // The checks (DNS client, mailauth…) load on the first run, not with the server.
    void import("./run-all-checks")
      .then(({ runAllChecks }) => runAllChecks())
      .catch((e) => console.error("[postwright] scheduled checks failed:", e));
  }, every);
  timer.unref();
  const schedule = { timer, nextRunAt: new Date(Date.now() + every) };
  state.postwrightCheckSchedule = schedule;
}
