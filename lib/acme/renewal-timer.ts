import "server-only";
import { db } from "@/lib/db";

let timer: NodeJS.Timeout | undefined;

/**
 * Checks renewals while the app runs: a minute after start, then every
 * POSTWRIGHT_RENEWAL_INTERVAL_MINUTES (default 720). Never keeps the process alive.
 */
export function startRenewalTimer(env: NodeJS.ProcessEnv = process.env): void {
  if (timer) return;
  const minutes = Number(env.POSTWRIGHT_RENEWAL_INTERVAL_MINUTES ?? 720);
  if (!(minutes > 0)) return;
  // The renewal code (acme-client, X.509, forge) loads on a pass that has a certificate to look at, not with the server.
  const run = async () => {
    if ((await db.certificate.count()) === 0) return;
    const { renewAllDue } = await import("./renew-all-due");
    await renewAllDue();
  };
  const tick = () => void run().catch((e) => console.error("[postwright] renewal check failed:", e));
  setTimeout(tick, 60_000).unref();
  timer = setInterval(tick, minutes * 60_000);
  timer.unref();
}
