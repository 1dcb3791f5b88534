import "server-only";
import { getRenewalSettings } from "@/lib/acme/certificate-store";
import type { BundleInputs } from "@/lib/bundle/build-bundle";
import { buildDnsPlan } from "@/lib/dns/plan";
import type { StoredSetup } from "@/lib/setup/store";
import { planInput } from "./load-dns-plan";
import { loadMailInputs } from "./load-mail-inputs";
import { loadSetupFacts } from "./setup-facts";

/** Everything buildBundle needs for a stored setup, each stored fact read once. Makes no key: see ensureDkimKeys. */
export async function loadBundleInputs(
  setup: StoredSetup,
  opts: { includePrivateKeys: boolean },
): Promise<BundleInputs> {
  const facts = await loadSetupFacts(setup);
  const [mail, renewal] = await Promise.all([loadMailInputs(setup, facts), getRenewalSettings(setup.id)]);
  const plan = buildDnsPlan(setup.document, planInput(setup.document, facts));
  // The version, not a date: the same setup gives the same bytes (marking a step done moves updatedAt).
  return { mail, plan, zoneSerial: setup.version, includePrivateKeys: opts.includePrivateKeys, renewal };
}
