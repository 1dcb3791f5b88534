import "server-only";
import { createHash, X509Certificate } from "node:crypto";
import { db } from "@/lib/db";
import { ensureDkimKeys } from "@/lib/dkim/dkim-keys";
import { buildDnsPlan, type DnsPlan } from "@/lib/dns/plan";
import { acmeContact, acmeDirectoryUrl, caaIssuer } from "@/lib/setup/derived";
import type { StoredSetup } from "@/lib/setup/store";

export interface PlanOptions {
  /** The zone is DNSSEC-signed: add TLSA when a certificate exists. */
  dnssec?: boolean;
  /** The relay provider's SPF include domain. */
  relayInclude?: string;
  now?: Date;
}

/**
 * The setup's DNS plan with everything known so far: its DKIM keys (made on
 * first use), the ACME account for CAA accounturi, the current certificate's
 * key for TLSA.
 */
export async function loadDnsPlan(setup: StoredSetup, opts: PlanOptions = {}): Promise<DnsPlan> {
  const doc = setup.document;
  const dkimKeys = await ensureDkimKeys(setup.id, doc);
  const directoryUrl = acmeDirectoryUrl(doc);
  const issuer = caaIssuer(doc);
  const account = issuer
    ? await db.acmeAccount.findFirst({
        where: { directoryUrl, email: acmeContact(doc), accountUrl: { not: null } },
      })
    : null;
  const cert = await db.certificate.findFirst({
    where: { setupId: setup.id, notAfter: { gt: opts.now ?? new Date() } },
    orderBy: { notAfter: "desc" },
  });
  return buildDnsPlan(doc, {
    dkimKeys,
    caa: issuer ? { issuer, accountUri: account?.accountUrl ?? undefined } : undefined,
    dnssec: opts.dnssec,
    tlsa: cert ? { spkiSha256: [spkiSha256(cert.chainPem)] } : undefined,
    relayInclude: opts.relayInclude,
  });
}

/** SHA-256 of the leaf certificate's SubjectPublicKeyInfo (TLSA 3 1 1). */
export function spkiSha256(chainPem: string): string {
  const der = new X509Certificate(chainPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}

/** A zone serial from a date, YYYYMMDDHH: it only moves forward. */
export function zoneSerial(now: Date): number {
  const iso = now.toISOString();
  return Number(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13));
}
