import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "@/lib/db/url";

/**
 * The CLI works on the wizard's database even before the wizard ever ran: when
 * the file is missing or behind the migrations, it is brought up to date the
 * way `npm start` does it (a quick look first, so most calls cost nothing).
 */
export async function ensureDatabase(root: string): Promise<void> {
  const file = databaseFile();
  const migrations = fs
    .readdirSync(path.join(root, "prisma", "migrations"))
    .filter((d) => fs.existsSync(path.join(root, "prisma", "migrations", d, "migration.sql")));
  if (fs.existsSync(file)) {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const applied = sqlite
        .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL")
        .all() as { migration_name: string }[];
      const done = new Set(applied.map((r) => r.migration_name));
      if (migrations.every((m) => done.has(m))) return;
    } catch {
      // no migrations table yet
    } finally {
      sqlite.close();
    }
  }
  const { prepareDatabase } = (await import(path.join(root, "scripts", "prepare-db.mjs"))) as {
    prepareDatabase(env: NodeJS.ProcessEnv): Promise<string>;
  };
  await prepareDatabase(process.env);
}
