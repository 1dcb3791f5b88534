import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError, Help } from "commander";
import { UsageError } from "./usage-error";

type CommandModule = { register?: (p: Command) => void };

/** Where the commands come from: the compiled CLI knows them without loading them; from source, each is loaded. */
export interface CommandSource {
  /** Every command's name and help line, when known without loading any (the compiled CLI). */
  manifest?: { name: string; aliases: string[]; term: string; description: string }[];
  /** The modules of the commands named (all of them when none is). */
  load(names?: string[]): Promise<CommandModule[]>;
}

/** The command the arguments name (`NAME …` or `help NAME`), if the manifest knows it. */
function namedCommand(args: string[], manifest: NonNullable<CommandSource["manifest"]>): string | undefined {
  const known = (a: string | undefined) => manifest.find((c) => c.name === a || c.aliases.includes(a ?? ""))?.name;
  return args[0] === "help" ? known(args[1]) : known(args[0]);
}

/** Every file in cli/commands registers its own command, so features add commands without editing this file. */
async function buildProgram(root: string, source: CommandSource, args: string[]): Promise<Command> {
  const program = new Command("postwright")
    .description(
      "Postwright: take a home Linux box to a mail server that Gmail and Outlook accept.\nData: the same SQLite database as the wizard (DATABASE_URL, default file:./data/postwright.db).",
    )
    .version(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version)
    .showHelpAfterError()
    .exitOverride();
  const named = source.manifest && namedCommand(args, source.manifest);
  if (source.manifest && !named) {
    // The root help, a version or an unknown command: every command listed, none loaded.
    const terms = new Map(source.manifest.map((c) => [c.name, c.term]));
    const help = new Help();
    program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
    for (const c of source.manifest) program.command(c.name).aliases(c.aliases).description(c.description);
  } else {
    for (const mod of await source.load(named ? [named] : undefined)) mod.register?.(program);
  }
  program.commands.forEach((c) => c.exitOverride().showHelpAfterError());
  return program;
}

export async function main(root: string, source: CommandSource) {
  // Relative DATABASE_URL paths are taken from the project folder, as `npm start` does.
  if (process.env.POSTWRIGHT_ROOT) process.chdir(process.env.POSTWRIGHT_ROOT);
  const args = process.argv.slice(2);
  const program = await buildProgram(root, source, args);
  const needsDb =
    args.length > 0 &&
    !args.some((a) => a === "-h" || a === "--help" || a === "-V" || a === "--version") &&
    !["help", "schema", "headers"].includes(args[0]);
  if (needsDb) await (await import("./ensure-database")).ensureDatabase(root);
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
