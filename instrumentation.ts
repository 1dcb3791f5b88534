/** Next.js start-up hook: background jobs of the server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Certificates renew themselves while the app runs (POSTWRIGHT_RENEWAL_INTERVAL_MINUTES=0 turns it off).
  const { startRenewalTimer } = await import("@/lib/acme/renewal-timer");
  startRenewalTimer();
}
