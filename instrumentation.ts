export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceSetupLink } = await import("@/lib/auth/first-run");
  await announceSetupLink(process.env.PORT ?? 3000);
}
