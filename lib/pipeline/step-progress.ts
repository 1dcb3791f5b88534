import "server-only";
import { newestCertificate } from "@/lib/acme/certificate-store";
import { db } from "@/lib/db";
import { doneSteps } from "@/lib/setup/step-progress";
import type { StepId } from "@/lib/setup/steps";
import type { StoredSetup } from "@/lib/setup/store";
import { latestCheckRunOnce } from "./check-runs";

/** The setup's done steps, decided from its stored data (see doneSteps). */
export async function stepProgress(setup: StoredSetup, now = new Date()): Promise<StepId[]> {
  const [run, certificate] = await Promise.all([latestCheckRunOnce(setup.id), hasValidCertificate(setup.id, now)]);
  return doneSteps({
    doc: setup.document,
    marks: setup.marks,
    latestChecks: run?.results ?? null,
    certificate,
  });
}

/** Whether any stored certificate is still valid: the newest one (read once per render, the page uses it too) nearly always answers. */
async function hasValidCertificate(setupId: string, now: Date): Promise<boolean> {
  const newest = await newestCertificate(setupId);
  if (!newest) return false;
  if (newest.notAfter > now) return true;
  // An older certificate may outlive the newest one (a shorter lifetime): asked only then.
  return !!(await db.certificate.findFirst({ where: { setupId, notAfter: { gt: now } }, select: { id: true } }));
}
