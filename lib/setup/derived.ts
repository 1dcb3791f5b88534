import { toUnicodeHostname } from "./names";
import { caaIdentitiesFor, directoryUrlFor } from "./options";
import type { SetupDocument } from "./schema";

/**
 * Facts every stage derives from the Setup document the same way: computed
 * here once, so the DNS plan, the checks, ACME, the mail files, the bundle,
 * the pages and the CLI agree.
 */

/** The setup's public addresses (IPv4 first): the only ones a check may connect to, and what its names must point at. */
export function ownAddresses(doc: Pick<SetupDocument, "ipv4" | "ipv6">): string[] {
  return [doc.ipv4, doc.ipv6].filter((a): a is string => !!a);
}

/** The ACME account's contact address: the one chosen for ACME, else the admin's. */
export function acmeContact(doc: Pick<SetupDocument, "acme" | "adminEmail">): string {
  return doc.acme.email ?? doc.adminEmail;
}

/** The ACME directory URL the setup uses. */
export function acmeDirectoryUrl(doc: Pick<SetupDocument, "acme">): string {
  return directoryUrlFor(doc.acme.directory);
}

/** The CA's domain for the setup's CAA record, or null when its CA is not a known one. */
export function caaIssuer(doc: Pick<SetupDocument, "acme">): string | null {
  return caaIdentitiesFor(doc.acme.directory)[0] ?? null;
}

/**
 * The names a setup's certificate covers: every name the DNS plan points at the mail host
 * and that it serves over TLS. The mail hostname (SMTP, IMAP), mta-sts.DOMAIN when MTA-STS
 * is on (the policy over HTTPS), autoconfig.DOMAIN and autodiscover.DOMAIN (the mail
 * client set-up files, which Thunderbird and Outlook fetch over HTTPS).
 */
export function certificateNames(doc: Pick<SetupDocument, "domain" | "hostname" | "mtaSts">): string[] {
  const names = [
    doc.hostname,
    ...(doc.mtaSts.mode !== "none" ? [`mta-sts.${doc.domain}`] : []),
    `autoconfig.${doc.domain}`,
    `autodiscover.${doc.domain}`,
  ];
  return names.filter((n, i) => names.indexOf(n) === i);
}

/** The bundle's folder and file name stem. */
export function bundleName(domain: string): string {
  return `postwright-${domain}`;
}

/** The domain as people read it (Unicode). */
export function displayDomain(domain: string): string {
  return toUnicodeHostname(domain);
}

/** A DNS name compared or looked up: without the trailing dot, lower case. */
export function normalName(name: string): string {
  return name.replace(/\.$/, "").toLowerCase();
}
