import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * A fresh SQLite database with every migration applied (no Prisma CLI), in its
 * own temporary folder (which also receives the secret key). Set DATABASE_URL
 * to `url` before lib/db is first imported.
 */
export function createTempDb(): { url: string; dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-db-"));
  const file = path.join(dir, "postwright.db");
  const sqlite = new Database(file);
  const migrations = path.join(import.meta.dirname, "..", "..", "prisma", "migrations");
  for (const m of fs.readdirSync(migrations).filter((d) => fs.statSync(path.join(migrations, d)).isDirectory()).sort()) {
    sqlite.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return { url: `file:${file}`, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
