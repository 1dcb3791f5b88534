export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { environmentProblems } = await import("@/lib/env");
  const problems = environmentProblems(process.env);
  if (problems.length) {
    console.error(["Postwright cannot start: fix these environment variables (see the README):", ...problems.map((p) => `  - ${p}`)].join("\n"));
    process.exit(1);
  }
  const [{ announceSetupLink }, { loadOrCreateKey }, { dataDir }] = await Promise.all([
    import("@/lib/auth/first-run"),
    import("@/lib/secrets/key-file"),
    import("@/lib/db/url"),
  ]);
  // The key that seals secrets exists from the first start, beside the database (mode 0600).
  loadOrCreateKey(dataDir());
  await announceSetupLink(process.env.PORT ?? 3000);
  const [{ startRenewalTimer }, { startCheckSchedule }] = await Promise.all([import("@/lib/acme/renewal-timer"), import("@/lib/status/check-schedule")]);
  // While the app runs: certificates renew themselves (POSTWRIGHT_RENEWAL_INTERVAL_MINUTES=0 turns it off)
  // and every check re-runs (POSTWRIGHT_CHECK_SCHEDULE_MINUTES=0 turns it off).
  startRenewalTimer();
  startCheckSchedule();
}
