export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/env")).assertEnvironment(process.env);
  const [{ announceSetupLink }, { loadOrCreateKey }, { dataDir }] = await Promise.all([
    import("@/lib/auth/first-run"),
    import("@/lib/secrets/key-file"),
    import("@/lib/db/url"),
  ]);
  // The key that seals secrets exists from the first start, beside the database (mode 0600).
  loadOrCreateKey(dataDir());
  await announceSetupLink(process.env.PORT ?? 3000);
  const [{ startRenewalTimer }, { startCheckSchedule }] = await Promise.all([
    import("@/lib/acme/renewal-timer"),
    import("@/lib/status/check-schedule"),
  ]);
  // While the app runs: certificates renew themselves (POSTWRIGHT_RENEWAL_INTERVAL_MINUTES=0 turns it off)
  // and every check re-runs (POSTWRIGHT_CHECK_SCHEDULE_MINUTES=0 turns it off). Both timers are light:
  // the ACME and checks code loads when a timer first has work (test/lazy-server-modules.test.ts).
  startRenewalTimer();
  startCheckSchedule();
}
