import "server-only";
import { db } from "@/lib/db";
import { doneSteps } from "@/lib/setup/step-progress";
import type { StepId } from "@/lib/setup/steps";
import type { StoredSetup } from "@/lib/setup/store";
import { latestCheckRunOnce } from "./check-runs";

/** The setup's done steps, decided from its stored data (see doneSteps). */
export async function stepProgress(setup: StoredSetup, now = new Date()): Promise<StepId[]> {
  const [run, certificate] = await Promise.all([
    latestCheckRunOnce(setup.id),
    db.certificate.findFirst({ where: { setupId: setup.id, notAfter: { gt: now } }, select: { id: true } }),
  ]);
  return doneSteps({
    doc: setup.document,
    marks: setup.marks,
    latestChecks: run?.results ?? null,
    certificate: !!certificate,
  });
}
