import "server-only";
import { db } from "@/lib/db";
import { listDkimKeys } from "@/lib/dkim/dkim-keys";
import { loadDnsPlan } from "@/lib/records/load-dns-plan";
import type { StoredSetup } from "@/lib/setup/store";
import type { CheckInput } from "./check-context";

/** The checks' input for a stored setup: its document, DKIM keys, the same DNS plan the DNS step shows, and the newest certificate. */
export async function loadCheckInput(setup: StoredSetup): Promise<CheckInput> {
  const plan = await loadDnsPlan(setup);
  const [keys, cert] = await Promise.all([
    listDkimKeys(setup.id),
    db.certificate.findFirst({
      where: { setupId: setup.id },
      orderBy: { notAfter: "desc" },
      select: { chainPem: true },
    }),
  ]);
  return {
    setup: setup.document,
    dkimKeys: keys
      .filter((k) => k.status !== "retired")
      .map((k) => ({ selector: k.selector, algorithm: k.algorithm, publicKey: k.publicKey })),
    plannedRecords: plan.records.map((r) => ({ name: r.name, type: r.type, value: r.value })),
    certificatePem: cert?.chainPem,
  };
}
