import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { ensureDatabase } from "./ensure-database";
import { UsageError } from "./usage-error";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every file in cli/commands registers its own command, so features add commands without editing this file. */
async function buildProgram(): Promise<Command> {
  const program = new Command("postwright")
    .description(
      "Postwright: take a home Linux box to a mail server that Gmail and Outlook accept.\nData: the same SQLite database as the wizard (DATABASE_URL, default file:./data/postwright.db).",
    )
    .version(JSON.parse(fs.readFileSync(path.join(here, "..", "package.json"), "utf8")).version)
    .showHelpAfterError()
    .exitOverride();
  const dir = path.join(here, "commands");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  program.commands.forEach((c) => c.exitOverride().showHelpAfterError());
  return program;
}

async function main() {
  // Relative DATABASE_URL paths are taken from the project folder, as `npm start` does.
  if (process.env.POSTWRIGHT_ROOT) process.chdir(process.env.POSTWRIGHT_ROOT);
  const program = await buildProgram();
  const args = process.argv.slice(2);
  const needsDb =
    args.length > 0 &&
    !args.some((a) => a === "-h" || a === "--help" || a === "-V" || a === "--version") &&
    !["help", "schema", "headers"].includes(args[0]);
  if (needsDb) await ensureDatabase(path.join(here, ".."));
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof UsageError) {
      process.stderr.write(`postwright: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`postwright: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  }
}

await main();
