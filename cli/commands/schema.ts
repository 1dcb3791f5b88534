import type { Command } from "commander";
import { setupJsonSchema } from "@/lib/setup/schema";

export function register(program: Command) {
  program
    .command("schema")
    .description("Print the JSON Schema of the Setup document (what import accepts).")
    .action(() => {
      console.log(JSON.stringify(setupJsonSchema(), null, 2));
    });
}
