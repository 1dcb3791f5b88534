/** Paths reachable without a session: everything else needs one. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname.startsWith("/setup/") ||
    // ACME HTTP-01 validation comes from the CA, which has no session.
    pathname.startsWith("/.well-known/acme-challenge/") ||
    pathname.startsWith("/_next/") ||
    pathname === "/favicon.ico"
  );
}

/**
 * A state-changing request from another origin (CSRF): refused. Browsers send
 * Origin on every cross-origin POST; Sec-Fetch-Site tells the rest.
 */
export function isCrossOriginWrite(method: string, headers: Headers): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
