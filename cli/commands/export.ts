import type { Command } from "commander";
import { setupFromArg } from "../setup-ref";

export function register(program: Command) {
  program
    .command("export")
    .argument("<domain>", "the setup's domain")
    .description("Print the Setup document as JSON, without any secret (passwords, keys).")
    .action(async (domain: string) => {
      const setup = await setupFromArg(domain);
      console.log(JSON.stringify(setup.document, null, 2));
    });
}
