import fs from "node:fs";
import type { Command } from "commander";
import { importSetupJson, MAX_IMPORT_BYTES } from "@/lib/setup/import-json";
import { UsageError } from "../usage-error";

export function register(program: Command) {
  program
    .command("import")
    .argument("<file>", "a Setup document in JSON (see: postwright schema); - for standard input")
    .description(
      "Create a setup from a JSON file, or replace the one with the same domain. Nothing changes unless the whole file is valid.",
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
      const r = await importSetupJson(text);
      if (r.ok) return console.log(`${r.created ? "Created" : "Updated"} ${r.setup.domain}.`);
      if (r.reason === "too-large") throw new UsageError(`${file} is larger than ${MAX_IMPORT_BYTES / 1024} KiB`);
      if (r.reason === "not-json") throw new UsageError(`${file} is not valid JSON: ${r.detail}`);
      if (r.reason === "invalid")
        throw new UsageError(`${file} was refused, nothing changed:\n  ${r.lines.join("\n  ")}`);
      throw new UsageError(`${file} was refused: ${r.reason}`);
    });
}
