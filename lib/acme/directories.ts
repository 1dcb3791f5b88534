import { acmeDirectories } from "@/lib/setup/schema";

/** The directory URL for a Setup's `acme.directory` (a known key or any https URL). */
export function directoryUrlFor(directory: string): string {
  return Object.hasOwn(acmeDirectories, directory)
    ? acmeDirectories[directory as keyof typeof acmeDirectories]
    : directory;
}

/** Identities the CA checks in CAA "issue" records, for CAs whose directory does not list them. */
const KNOWN_CAA_IDENTITIES: Record<string, string[]> = {
  "acme-v02.api.letsencrypt.org": ["letsencrypt.org"],
  "acme-staging-v02.api.letsencrypt.org": ["letsencrypt.org"],
  "acme.zerossl.com": ["sectigo.com", "zerossl.com"],
};

export function knownCaaIdentities(directoryUrl: string): string[] {
  try {
    return KNOWN_CAA_IDENTITIES[new URL(directoryUrl).hostname] ?? [];
  } catch {
    return [];
  }
}

/** ZeroSSL refuses accounts without External Account Binding. */
export function needsExternalAccountBinding(directoryUrl: string): boolean {
  return knownCaaIdentities(directoryUrl).includes("sectigo.com");
}

export function directoryLabel(directoryUrl: string): string {
  const key = Object.entries(acmeDirectories).find(([, url]) => url === directoryUrl)?.[0];
  return key ?? new URL(directoryUrl).host;
}
