import "server-only";
import { runAndStoreChecks } from "@/lib/use-cases/run-and-store-checks";
import { listSetups } from "@/lib/setup/store";

/** Every setup's checks, one setup after another (the DNS cache is shared); returns how each went. */
export async function runAllChecks(): Promise<{ domain: string; failed: number; changed: number }[]> {
  const out = [];
  for (const setup of await listSetups()) {
    try {
      const { results, changes } = await runAndStoreChecks(setup);
      out.push({
        domain: setup.domain,
        failed: results.filter((r) => r.status === "fail").length,
        changed: changes.length,
      });
      if (changes.length)
        console.log(
          `[postwright] scheduled checks for ${setup.domain}: ${changes.map((c) => `${c.id} ${c.from ?? "new"}→${c.to}`).join(", ")}`,
        );
    } catch (e) {
      console.error(`[postwright] scheduled checks for ${setup.domain} failed:`, e);
    }
  }
  return out;
}

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
    void runAllChecks();
  }, every);
  timer.unref();
  const schedule = { timer, nextRunAt: new Date(Date.now() + every) };
  state.postwrightCheckSchedule = schedule;
}
