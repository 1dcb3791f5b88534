import "server-only";
import { db } from "@/lib/db";
import { listDkimKeys } from "@/lib/dkim/dkim-keys";
import { renderMailFiles, type MailFile } from "@/lib/mailconf/mail-files";
import { previewMailInputs } from "@/lib/mailconf/preview-inputs";
import { getMailboxesWithPassword, type StoredSetup } from "@/lib/setup/store";

/**
 * The setup's mail files for display: rendered without loading any key or password
 * (see previewMailInputs). Reads only what the preview shows: the DKIM keys' public
 * parts, whether a certificate exists, which mailboxes have a password (nothing decrypted).
 */
export async function loadPreviewFiles(setup: StoredSetup): Promise<MailFile[]> {
  const [dkimKeys, certificate, mailboxesWithPassword] = await Promise.all([
    listDkimKeys(setup.id),
    db.certificate.findFirst({ where: { setupId: setup.id }, select: { id: true } }),
    getMailboxesWithPassword(setup.id),
  ]);
  return renderMailFiles(
    previewMailInputs(setup.document, {
      dkimKeys: dkimKeys.filter((k) => k.status === "active"),
      hasCertificate: Boolean(certificate),
      mailboxesWithPassword,
    }),
  );
}
