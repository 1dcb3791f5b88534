import "server-only";
import { db } from "@/lib/db";
import { acmeEnv } from "./acme-env";
import { renewIfDue } from "./renewal";

/** One pass over every setup that has a certificate: renews those due. Returns what happened, for logs and tests. */
export async function renewAllDue(now = new Date()): Promise<{ setupId: string; status: string }[]> {
  const env = acmeEnv();
  const setups = await db.certificate.findMany({ distinct: ["setupId"], select: { setupId: true } });
  const out: { setupId: string; status: string }[] = [];
  for (const { setupId } of setups) {
    const r = await renewIfDue(setupId, env, { now }).catch((e: Error) => ({ status: `error: ${e.message}` }));
    out.push({ setupId, status: r.status });
    if (r.status !== "not-due")
      console.log(
        `[postwright] certificate renewal for setup ${setupId}: ${r.status}${"reason" in r ? ` (${r.reason})` : ""}`,
      );
  }
  return out;
}
