import type { Command } from "commander";
import { displayDomain } from "@/lib/setup/derived";
import { steps } from "@/lib/setup/steps";
import { listSetups } from "@/lib/setup/store";
import { stepProgress } from "@/lib/pipeline/step-progress";

export function register(program: Command) {
  program
    .command("list")
    .description("List the setups (one per domain).")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const setups = await Promise.all((await listSetups()).map(async (s) => ({ ...s, steps: await stepProgress(s) })));
      if (opts.json) {
        console.log(
          JSON.stringify(
            setups.map((s) => ({
              id: s.id,
              domain: s.domain,
              hostname: s.document.hostname,
              steps: s.steps,
              updatedAt: s.updatedAt,
            })),
            null,
            2,
          ),
        );
        return;
      }
      if (!setups.length) return console.log("No setup yet. Create one in the wizard, or: postwright import FILE");
      for (const s of setups) {
        const shown = displayDomain(s.domain);
        console.log(
          `${shown}${shown !== s.domain ? ` (${s.domain})` : ""}  host ${s.document.hostname}  ${s.steps.length}/${steps.length} steps`,
        );
      }
    });
}
