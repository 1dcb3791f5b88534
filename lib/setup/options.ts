/**
 * The Setup document's choices, their defaults and the certificate
 * authorities Postwright knows: plain data, safe in the browser (the forms)
 * as on the server and in the CLI. lib/setup/schema.ts validates with these.
 */

export const dkimAlgorithms = ["rsa-2048", "ed25519"] as const;
export type DkimAlgorithm = (typeof dkimAlgorithms)[number];
export const DEFAULT_DKIM_SELECTOR = "pw1";

export const dmarcPolicies = ["none", "quarantine", "reject"] as const;
export const DEFAULT_DMARC_POLICY = "quarantine";

export const mtaStsModes = ["none", "testing", "enforce"] as const;
export const DEFAULT_MTA_STS_MODE = "testing";

export const DEFAULT_RELAY_PORT = 587;

/** How a certificate is obtained: the Setup document's acme.challenge and an order's method. */
export const acmeChallenges = ["dns-01-manual", "dns-01-rfc2136", "http-01"] as const;
export type AcmeMethod = (typeof acmeChallenges)[number];
export const DEFAULT_ACME_CHALLENGE = "dns-01-manual";

/** TSIG algorithms of RFC 2136 updates, as tsig-keygen names them. */
export const tsigAlgorithms = ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1"] as const;
export type TsigAlgorithm = (typeof tsigAlgorithms)[number];

/** The CAs a person can pick by name: their ACME directory and the identities they check in CAA "issue" records. */
export const acmeDirectories = {
  letsencrypt: { url: "https://acme-v02.api.letsencrypt.org/directory", caa: ["letsencrypt.org"] },
  "letsencrypt-staging": { url: "https://acme-staging-v02.api.letsencrypt.org/directory", caa: ["letsencrypt.org"] },
  zerossl: { url: "https://acme.zerossl.com/v2/DV90", caa: ["sectigo.com", "zerossl.com"] },
} as const;
export type AcmeDirectoryKey = keyof typeof acmeDirectories;
export const acmeDirectoryKeys = Object.keys(acmeDirectories) as AcmeDirectoryKey[];
export const DEFAULT_ACME_DIRECTORY: AcmeDirectoryKey = "letsencrypt";

/** Other CAs whose CAA identity is known from their directory's host (chosen by URL). */
const otherCaaIdentities: Record<string, string[]> = {
  "dv.acme-v02.api.pki.goog": ["pki.goog"],
  "acme.ssl.com": ["ssl.com"],
};

export function isAcmeDirectoryKey(value: string): value is AcmeDirectoryKey {
  return Object.hasOwn(acmeDirectories, value);
}

/** The directory URL of acme.directory: a key of acmeDirectories, or any https URL (returned as is). */
export function directoryUrlFor(directory: string): string {
  return isAcmeDirectoryKey(directory) ? acmeDirectories[directory].url : directory;
}

/** The identities a CA checks in CAA records (its preferred one first), from a key or directory URL; [] when unknown. */
export function caaIdentitiesFor(directory: string): string[] {
  let host: string;
  try {
    host = new URL(directoryUrlFor(directory.trim())).hostname;
  } catch {
    return [];
  }
  const known = Object.values(acmeDirectories).find((d) => new URL(d.url).hostname === host);
  return known ? [...known.caa] : (otherCaaIdentities[host] ?? []);
}
