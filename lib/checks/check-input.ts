import { buildDnsPlan, type DnsPlanInput } from "@/lib/dns/plan";
import type { PlanDkimKey } from "@/lib/dns/record";
import type { SetupDocument } from "@/lib/setup/schema";
import type { CheckInput } from "./check-context";

/** What the checks compare against: the Setup document, its DKIM keys, and its own DNS plan. Pure. */
export function checkInputFor(
  setup: SetupDocument,
  dkimKeys: PlanDkimKey[],
  plan: Omit<DnsPlanInput, "dkimKeys"> = {},
  certificatePem?: string,
): CheckInput {
  const live = dkimKeys.filter((k) => k.status !== "retired");
  const { records } = buildDnsPlan(setup, { ...plan, dkimKeys: live });
  return {
    setup,
    dkimKeys: live.map((k) => ({ selector: k.selector, algorithm: k.algorithm, publicKey: k.publicKey })),
    plannedRecords: records.map((r) => ({ name: r.name, type: r.type, value: r.value })),
    certificatePem,
  };
}
