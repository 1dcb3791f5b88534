import "server-only";
import { runAndStoreChecks } from "@/lib/use-cases/run-and-store-checks";
import { listSetups } from "@/lib/setup/store";

/** Every setup's checks, one setup after another (the DNS cache is shared); returns how each went. */
export async function runAllChecks(): Promise<{ domain: string; failed: number; changed: number }[]> {
  const out = [];
  for (const setup of await listSetups()) {
    try {
      const { results, changes } = await runAndStoreChecks(setup);
      out.push({
        domain: setup.domain,
        failed: results.filter((r) => r.status === "fail").length,
        changed: changes.length,
      });
      if (changes.length)
        console.log(
          `[postwright] scheduled checks for ${setup.domain}: ${changes.map((c) => `${c.id} ${c.from ?? "new"}→${c.to}`).join(", ")}`,
        );
    } catch (e) {
      console.error(`[postwright] scheduled checks for ${setup.domain} failed:`, e);
    }
  }
  return out;
}
