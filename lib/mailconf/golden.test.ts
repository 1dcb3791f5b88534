import { describe, expect, it } from "vitest";
import { setupDocument, VARIANTS } from "@/test/mail/fixtures";
import { renderMailFiles } from "./mail-files";
import { previewMailInputs } from "./preview-inputs";

// Pins the rendered files (with placeholder secrets, so the output is stable).
// Update on purpose with: npx vitest run lib/mailconf/golden.test.ts -u
describe.each(VARIANTS)("golden files, %s", (variant) => {
  it("match __golden__", async () => {
    const doc = setupDocument(variant);
    const dkimKeys = doc.dkim.algorithms.map((algorithm) => ({
      selector: algorithm === "ed25519" ? "pw1e" : "pw1",
      algorithm,
    }));
    const files = renderMailFiles(
      previewMailInputs(doc, {
        dkimKeys,
        hasCertificate: true,
        mailboxesWithPassword: doc.mailboxes.map((m) => m.address),
      }),
    );
    for (const f of files.filter((f) => (!f.privateKey || f.ask) && f.syntax !== "pem")) {
      await expect(f.content).toMatchFileSnapshot(`./__golden__/${variant}${f.path}`);
    }
  });
});
