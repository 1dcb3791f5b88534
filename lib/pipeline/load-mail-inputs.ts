import "server-only";
import { getDkimPrivateKeyPem } from "@/lib/dkim/dkim-keys";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { getSecretById } from "@/lib/secrets/store";
import { getMailboxPasswordHashes, getRelayPassword, type StoredSetup } from "@/lib/setup/store";
import { loadSetupFacts, type SetupFacts } from "./setup-facts";

/** Why a bundle cannot be made yet (code = i18n key under bundle.errors; addresses: the mailboxes it names). */
export class BundleError extends Error {
  constructor(
    readonly code: "relay-password-missing" | "dkim-key-missing" | "no-mailbox" | "mailbox-password-missing",
    readonly addresses: string[] = [],
  ) {
    super(code);
  }
}

/** The mail inputs of a stored setup, secrets included: active DKIM keys, mailbox hashes, relay password, certificate. */
export async function loadMailInputs(setup: StoredSetup, facts?: SetupFacts): Promise<MailInputs> {
  const doc = setup.document;
  const { dkimKeys: keys, certificate: cert } = facts ?? (await loadSetupFacts(setup));
  const dkimKeys = await Promise.all(
    keys
      .filter((k) => k.status === "active")
      .map(async (k) => {
        const privateKeyPem = await getDkimPrivateKeyPem(setup.id, k.selector, k.algorithm);
        if (!privateKeyPem) throw new BundleError("dkim-key-missing");
        return { selector: k.selector, algorithm: k.algorithm, privateKeyPem };
      }),
  );
  const relayPassword = doc.delivery.mode === "relay" ? await getRelayPassword(setup.id) : null;
  if (doc.delivery.mode === "relay" && !relayPassword) throw new BundleError("relay-password-missing");
  const certificateKey = cert ? await getSecretById(cert.secretId) : null;
  if (cert && !certificateKey) throw new Error(`the private key of certificate ${cert.id} is missing`);
  return {
    doc,
    dkimKeys,
    mailboxes: (await getMailboxPasswordHashes(setup.id)).map((m) => ({ address: m.address, passwordHash: m.hash })),
    relayPassword: relayPassword ?? undefined,
    certificate: cert && certificateKey ? { chainPem: cert.chainPem, privateKeyPem: certificateKey } : undefined,
  };
}
