import "server-only";
import { db } from "@/lib/db";
import { listDkimKeys } from "@/lib/dkim/dkim-keys";
import type { StoredSetup } from "@/lib/setup/store";
import type { CheckInput } from "./check-context";
import { checkInputFor } from "./check-input";

/** The checks' input for a stored setup: its document, DKIM keys, plan and newest certificate. */
export async function loadCheckInput(setup: StoredSetup): Promise<CheckInput> {
  const [keys, cert] = await Promise.all([
    listDkimKeys(setup.id),
    db.certificate.findFirst({ where: { setupId: setup.id }, orderBy: { notAfter: "desc" }, select: { chainPem: true } }),
  ]);
  return checkInputFor(setup.document, keys, {}, cert?.chainPem);
}
