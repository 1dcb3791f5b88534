import "server-only";
import { db } from "@/lib/db";
import { acmeEnv } from "./acme-env";
import { renewIfDue } from "./renewal";

/** One pass over every setup that has a certificate: renews those due. Returns what happened, for logs and tests. */
export async function renewAllDue(now = new Date()): Promise<{ setupId: string; status: string }[]> {
  const env = acmeEnv();
  const setups = await db.certificate.findMany({ distinct: ["setupId"], select: { setupId: true } });
  const out: { setupId: string; status: string }[] = [];
  for (const { setupId } of setups) {
    const r = await renewIfDue(setupId, env, { now }).catch((e: Error) => ({ status: `error: ${e.message}` }));
    out.push({ setupId, status: r.status });
    if (r.status !== "not-due")
      console.log(
        `[postwright] certificate renewal for setup ${setupId}: ${r.status}${"reason" in r ? ` (${r.reason})` : ""}`,
      );
  }
  return out;
}

let timer: NodeJS.Timeout | undefined;

/**
 * Checks renewals while the app runs: a minute after start, then every
 * POSTWRIGHT_RENEWAL_INTERVAL_MINUTES (default 720). Never keeps the process alive.
 */
export function startRenewalTimer(env: NodeJS.ProcessEnv = process.env): void {
  if (timer) return;
  const minutes = Number(env.POSTWRIGHT_RENEWAL_INTERVAL_MINUTES ?? 720);
  if (!(minutes > 0)) return;
  const run = () => void renewAllDue().catch((e) => console.error("[postwright] renewal check failed:", e));
  setTimeout(run, 60_000).unref();
  timer = setInterval(run, minutes * 60_000);
  timer.unref();
}
