import path from "node:path";
import { pathToFileURL } from "node:url";

interface PrepareDb {
  databaseFileOf(env: NodeJS.ProcessEnv): string;
  pendingMigrations(file: string): Promise<string[]>;
  prepareDatabase(env: NodeJS.ProcessEnv): Promise<string>;
}

/**
 * The CLI works on the wizard's database even before the wizard ever ran: when
 * the file is missing or behind the migrations, it is brought up to date the
 * way `npm start` does it. The look first is the same cheap one `npm start`
 * makes (scripts/prepare-db.mjs: the migrations table, not the migrate engine).
 */
export async function ensureDatabase(root: string): Promise<void> {
  const db = (await import(pathToFileURL(path.join(root, "scripts", "prepare-db.mjs")).href)) as PrepareDb;
  if ((await db.pendingMigrations(db.databaseFileOf(process.env))).length === 0) return;
  await db.prepareDatabase(process.env);
}
