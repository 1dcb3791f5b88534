import type { SetupDocument } from "@/lib/setup/schema";
import type { MailInputs } from "./mail-inputs";

const HIDDEN_PEM = "-----BEGIN PRIVATE KEY-----\nSElEREVO\n-----END PRIVATE KEY-----\n";
const HIDDEN_HASH = `$2b$12$${"hidden".padEnd(53, ".")}`;

/**
 * Render inputs for showing the configuration in the browser: the real
 * document, but no secret (keys, hashes, the relay password) ever loaded, so
 * none can leak into a page. Private-key files are flagged and not shown.
 */
export function previewMailInputs(
  doc: SetupDocument,
  opts: {
    dkimKeys: { selector: string; algorithm: "rsa-2048" | "ed25519" }[];
    hasCertificate: boolean;
    mailboxesWithPassword: string[];
  },
): MailInputs {
  return {
    doc,
    dkimKeys: opts.dkimKeys.map((k) => ({ ...k, privateKeyPem: HIDDEN_PEM })),
    mailboxes: opts.mailboxesWithPassword.map((address) => ({ address, passwordHash: HIDDEN_HASH })),
    relayPassword: doc.delivery.mode === "relay" ? "********" : undefined,
    certificate: opts.hasCertificate ? { chainPem: HIDDEN_PEM, privateKeyPem: HIDDEN_PEM } : undefined,
    secretsHidden: true,
  };
}
