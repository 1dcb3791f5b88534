/**
 * The CAA issuer domain of a known ACME directory (the Setup document's
 * acme.directory: a key of acmeDirectories or a URL), or null when unknown.
 * Let's Encrypt's staging CA checks CAA for "letsencrypt.org" too.
 */
export function caaIssuerFor(directory: string): string | null {
  const d = directory.trim().toLowerCase();
  if (
    d === "letsencrypt" ||
    d === "letsencrypt-staging" ||
    /^https:\/\/acme(-staging)?-v02\.api\.letsencrypt\.org\//.test(d)
  )
    return "letsencrypt.org";
  if (d === "zerossl" || d.startsWith("https://acme.zerossl.com/")) return "sectigo.com";
  if (d.startsWith("https://dv.acme-v02.api.pki.goog/")) return "pki.goog";
  if (d.startsWith("https://acme.ssl.com/")) return "ssl.com";
  return null;
}

// RFC 8657 accounturi: a URI without the characters that would end the value or add parameters (", ;, spaces).
const SAFE_URI = /^https:\/\/[A-Za-z0-9._~:/?#@!$&'()*+,=%[\]-]+$/;

/** Whether an ACME account URL can go into a CAA record as is. */
export function isSafeAccountUri(uri: string): boolean {
  return SAFE_URI.test(uri) && uri.length <= 512;
}

/** The CAA "issue" value: `0 issue "ca; accounturi=…"`. An unsafe account URI is left out. */
export function caaIssueValue(issuer: string, accountUri?: string): string {
  const params = accountUri && isSafeAccountUri(accountUri) ? `; accounturi=${accountUri}` : "";
  return `0 issue "${issuer}${params}"`;
}
