import "server-only";
import { ensureDkimKeys } from "@/lib/dkim/dkim-keys";
import type { DnsPlan } from "@/lib/dns/plan";
import { loadDnsPlan, type PlanOptions } from "@/lib/pipeline/load-dns-plan";
import type { StoredSetup } from "@/lib/setup/store";

/** The records to publish (the DNS step, the records download, `postwright records`): the DKIM keys are made first when missing. */
export async function dnsPlanFor(setup: StoredSetup, opts: PlanOptions = {}): Promise<DnsPlan> {
  await ensureDkimKeys(setup.id, setup.document);
  return loadDnsPlan(setup, opts);
}
