import "server-only";
import type { CheckInput } from "@/lib/checks/check-context";
import { checkInputFor } from "@/lib/checks/check-input";
import type { StoredSetup } from "@/lib/setup/store";
import { planInput } from "./load-dns-plan";
import { loadSetupFacts } from "./setup-facts";

/** The checks' input for a stored setup: its document, DKIM keys, the DNS plan the DNS step shows, and the newest certificate. */
export async function loadCheckInput(setup: StoredSetup): Promise<CheckInput> {
  const facts = await loadSetupFacts(setup);
  const { dkimKeys, ...plan } = planInput(setup.document, facts);
  return checkInputFor(setup.document, dkimKeys, plan, facts.certificate?.chainPem);
}
