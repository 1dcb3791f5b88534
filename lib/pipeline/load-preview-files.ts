import "server-only";
import { renderMailFiles, type MailFile } from "@/lib/mailconf/mail-files";
import { previewMailInputs } from "@/lib/mailconf/preview-inputs";
import { getMailboxPasswordHashes, type StoredSetup } from "@/lib/setup/store";
import { loadSetupFacts } from "./setup-facts";

/** The setup's mail files for display: rendered without loading any key or password (see previewMailInputs). */
export async function loadPreviewFiles(setup: StoredSetup): Promise<MailFile[]> {
  const [facts, hashes] = await Promise.all([loadSetupFacts(setup), getMailboxPasswordHashes(setup.id)]);
  return renderMailFiles(
    previewMailInputs(setup.document, {
      dkimKeys: facts.dkimKeys.filter((k) => k.status === "active"),
      hasCertificate: Boolean(facts.certificate),
      mailboxesWithPassword: hashes.map((m) => m.address),
    }),
  );
}
