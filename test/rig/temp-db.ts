import { createHash, randomUUID } from "node:crypto";
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
  // Recorded as Prisma records them, so the CLI's ensureDatabase sees the database as up to date.
  sqlite.exec(
    `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  );
  const record = sqlite.prepare(
    `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES (?, ?, current_timestamp, ?, 1)`,
  );
  for (const m of fs
    .readdirSync(migrations)
    .filter((d) => fs.statSync(path.join(migrations, d)).isDirectory())
    .sort()) {
    const sql = fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8");
    sqlite.exec(sql);
    record.run(randomUUID(), createHash("sha256").update(sql).digest("hex"), m);
  }
  sqlite.close();
  return { url: `file:${file}`, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
