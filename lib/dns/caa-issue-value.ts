// RFC 8657 accounturi: a URI without the characters that would end the value or add parameters (", ;, spaces).
const SAFE_URI = /^https:\/\/[A-Za-z0-9._~:/?#@!$&'()*+,=%[\]-]+$/;

/** Whether an ACME account URL can go into a CAA record as is. */
function isSafeAccountUri(uri: string): boolean {
  return SAFE_URI.test(uri) && uri.length <= 512;
}

/** The CAA "issue" value: `0 issue "ca; accounturi=…"`. An unsafe account URI is left out. */
export function caaIssueValue(issuer: string, accountUri?: string): string {
  const params = accountUri && isSafeAccountUri(accountUri) ? `; accounturi=${accountUri}` : "";
  return `0 issue "${issuer}${params}"`;
}
