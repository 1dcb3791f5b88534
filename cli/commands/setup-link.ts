import type { Command } from "commander";
import { issueSetupToken, lanUrls } from "@/lib/auth/first-run";
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
    });
}
