import "server-only";
import { ensureDkimKeys, type DkimKeyInfo } from "@/lib/dkim/dkim-keys";
import { buildDnsPlan, type DnsPlan } from "@/lib/dns/plan";
import { planInput, type PlanOptions } from "@/lib/pipeline/load-dns-plan";
import { loadSetupFacts } from "@/lib/pipeline/setup-facts";
import type { StoredSetup } from "@/lib/setup/store";

/** The records to publish (the DNS step, the records download, `postwright records`): the DKIM keys are made first when missing. */
export async function dnsPlanFor(setup: StoredSetup, opts: PlanOptions = {}): Promise<DnsPlan> {
  return (await dnsPlanAndKeys(setup, opts)).plan;
}

/** The plan and the setup's DKIM keys (the DNS step shows both), the keys read once. */
export async function dnsPlanAndKeys(
  setup: StoredSetup,
  opts: PlanOptions = {},
): Promise<{ plan: DnsPlan; dkimKeys: DkimKeyInfo[] }> {
  const dkimKeys = await ensureDkimKeys(setup.id, setup.document);
  const facts = await loadSetupFacts(setup, { dkimKeys });
  return { plan: buildDnsPlan(setup.document, planInput(setup.document, facts, opts)), dkimKeys };
}
