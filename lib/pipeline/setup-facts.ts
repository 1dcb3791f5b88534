import "server-only";
import { newestCertificate } from "@/lib/acme/certificate-store";
import { db } from "@/lib/db";
import { listDkimKeys, type DkimKeyInfo } from "@/lib/dkim/dkim-keys";
import { acmeContact, acmeDirectoryUrl, caaIssuer } from "@/lib/setup/derived";
import type { StoredSetup } from "@/lib/setup/store";

/**
 * What the database holds about a setup besides its document, read once per
 * use and handed to every stage that needs it: its DKIM keys (public parts),
 * its newest certificate (public part), the ACME account its CAA record may
 * name. No secret.
 */
export interface SetupFacts {
  dkimKeys: DkimKeyInfo[];
  certificate: { id: string; chainPem: string; notAfter: Date; secretId: string } | null;
  acmeAccountUri?: string;
}

/** `known.dkimKeys`: the setup's keys when the caller has just read them (not read again). */
export async function loadSetupFacts(
  setup: StoredSetup,
  known: { dkimKeys?: DkimKeyInfo[] } = {},
): Promise<SetupFacts> {
  const doc = setup.document;
  const [dkimKeys, certificate, account] = await Promise.all([
    known.dkimKeys ?? listDkimKeys(setup.id),
    newestCertificate(setup.id).then(
      (c) => c && { id: c.id, chainPem: c.chainPem, notAfter: c.notAfter, secretId: c.secretId },
    ),
    caaIssuer(doc)
      ? db.acmeAccount.findFirst({
          where: { directoryUrl: acmeDirectoryUrl(doc), email: acmeContact(doc), accountUrl: { not: null } },
          select: { accountUrl: true },
        })
      : null,
  ]);
  return { dkimKeys, certificate, acmeAccountUri: account?.accountUrl ?? undefined };
}
