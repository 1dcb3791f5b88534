import "server-only";
import { getCertificateSummary } from "@/lib/acme/certificate-store";
import { listDkimKeys } from "@/lib/dkim/dkim-keys";
import { getMailboxPasswordHashes, type StoredSetup } from "@/lib/setup/store";
import { renderMailFiles, type MailFile } from "@/lib/mailconf/mail-files";
import { previewMailInputs } from "@/lib/mailconf/preview-inputs";

/** The setup's mail files for display: rendered without loading any secret (see previewMailInputs). */
export async function loadPreviewFiles(setup: StoredSetup): Promise<MailFile[]> {
  const keys = (await listDkimKeys(setup.id)).filter((k) => k.status === "active");
  const withPassword = (await getMailboxPasswordHashes(setup.id)).map((m) => m.address);
  const certificate = await getCertificateSummary(setup.id);
  return renderMailFiles(
    previewMailInputs(setup.document, {
      dkimKeys: keys,
      hasCertificate: Boolean(certificate),
      mailboxesWithPassword: withPassword,
    }),
  );
}
