import "server-only";
import { getRenewalSettings } from "@/lib/acme/certificate-store";
import type { BundleInputs } from "@/lib/bundle/build-bundle";
import { buildDnsPlan } from "@/lib/dns/plan";
import type { StoredSetup } from "@/lib/setup/store";
import type { SetupDocument } from "@/lib/setup/schema";
import { planInput } from "./load-dns-plan";
import { BundleError, loadMailInputs } from "./load-mail-inputs";
import { loadSetupFacts } from "./setup-facts";

/**
 * Everything buildBundle needs for a stored setup, each stored fact read once. Makes no key: see ensureDkimKeys.
 * Throws BundleError when the bundle would make a broken server (see bundleRefusal).
 */
export async function loadBundleInputs(
  setup: StoredSetup,
  opts: { includePrivateKeys: boolean },
): Promise<BundleInputs> {
  const facts = await loadSetupFacts(setup);
  const [mail, renewal] = await Promise.all([loadMailInputs(setup, facts), getRenewalSettings(setup.id)]);
  const refusal = bundleRefusal(setup.document, mail.mailboxes, opts);
  if (refusal) throw refusal;
  const plan = buildDnsPlan(setup.document, planInput(setup.document, facts));
  // The version, not a date: the same setup gives the same bytes (marking a step done moves updatedAt).
  return { mail, plan, zoneSerial: setup.version, includePrivateKeys: opts.includePrivateKeys, renewal };
}

/**
 * Why no bundle may be made of this setup, or null. With no mailbox, nothing takes the
 * addresses the plan publishes (postmaster@, abuse@, the DMARC and TLS-RPT reports): each
 * would get 550 (a document imported as a draft may have none). A full bundle carries every
 * mailbox's password hash; a mailbox without one could neither log in nor be asked for it
 * (a bundle without private keys asks for every password on the box instead).
 */
export function bundleRefusal(
  doc: Pick<SetupDocument, "mailboxes">,
  hashes: { address: string }[],
  opts: { includePrivateKeys: boolean },
): BundleError | null {
  if (doc.mailboxes.length === 0) return new BundleError("no-mailbox");
  const hashed = new Set(hashes.map((h) => h.address));
  const without = doc.mailboxes.map((m) => m.address).filter((a) => !hashed.has(a));
  if (opts.includePrivateKeys && without.length) return new BundleError("mailbox-password-missing", without);
  return null;
}
