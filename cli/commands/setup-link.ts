import type { Command } from "commander";
import { issueSetupToken } from "@/lib/auth/first-run";
import { certificateFingerprint, lanUrls } from "@/lib/auth/wizard-origin";
import { UsageError } from "../usage-error";

export function register(program: Command) {
  program
    .command("setup-link")
    .description("Print a new one-time link to set the admin password (only while none is set).")
    .option("-p, --port <port>", "the port the wizard listens on", process.env.PORT ?? "3000")
    .action(async (opts: { port: string }) => {
      const token = await issueSetupToken();
      if (!token) throw new UsageError("the admin password is already set");
      for (const u of lanUrls(opts.port, `/setup/${token}`)) console.log(u);
      const fingerprint = certificateFingerprint();
      if (fingerprint) console.log(`certificate SHA-256 fingerprint: ${fingerprint}`);
    });
}
