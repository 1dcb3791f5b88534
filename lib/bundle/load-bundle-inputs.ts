import "server-only";
import { getCurrentCertificate, getRenewalSettings } from "@/lib/acme/certificate-store";
import { getDkimPrivateKeyPem, listDkimKeys } from "@/lib/dkim/dkim-keys";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { loadDnsPlan } from "@/lib/records/load-dns-plan";
import { getMailboxPasswordHashes, getRelayPassword, type StoredSetup } from "@/lib/setup/store";
import type { BundleInputs } from "./build-bundle";

/** Why a bundle cannot be made yet (code = i18n key under bundle.errors). */
export class BundleError extends Error {
  constructor(readonly code: "relay-password-missing" | "dkim-key-missing") {
    super(code);
  }
}

/** The mail inputs of a stored setup: its active DKIM keys, mailbox hashes, relay password and certificate. */
export async function loadMailInputs(setup: StoredSetup): Promise<MailInputs> {
  const doc = setup.document;
  const active = (await listDkimKeys(setup.id)).filter((k) => k.status === "active");
  const dkimKeys = await Promise.all(
    active.map(async (k) => {
      const privateKeyPem = await getDkimPrivateKeyPem(setup.id, k.selector, k.algorithm);
      if (!privateKeyPem) throw new BundleError("dkim-key-missing");
      return { selector: k.selector, algorithm: k.algorithm, privateKeyPem };
    }),
  );
  const relayPassword = doc.delivery.mode === "relay" ? await getRelayPassword(setup.id) : null;
  if (doc.delivery.mode === "relay" && !relayPassword) throw new BundleError("relay-password-missing");
  const certificate = await getCurrentCertificate(setup.id);
  return {
    doc,
    dkimKeys,
    mailboxes: (await getMailboxPasswordHashes(setup.id)).map((m) => ({ address: m.address, passwordHash: m.hash })),
    relayPassword: relayPassword ?? undefined,
    certificate: certificate ? { chainPem: certificate.chainPem, privateKeyPem: certificate.privateKeyPem } : undefined,
  };
}

/** Everything buildBundle needs for a stored setup (makes the DKIM keys if the DNS step has not yet). */
export async function loadBundleInputs(
  setup: StoredSetup,
  opts: { includePrivateKeys: boolean },
): Promise<BundleInputs> {
  const plan = await loadDnsPlan(setup);
  const mail = await loadMailInputs(setup);
  const renewal = await getRenewalSettings(setup.id);
  // The version, not a date: the same setup gives the same bytes (marking a step done moves updatedAt).
  return { mail, plan, zoneSerial: setup.version, includePrivateKeys: opts.includePrivateKeys, renewal };
}
