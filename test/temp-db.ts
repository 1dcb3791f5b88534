// Import this FIRST in a test file that touches the database: it points
// DATABASE_URL at a fresh temporary SQLite file with every migration applied,
// before lib/db creates its client.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-db-"));
const file = path.join(dir, "test.db");
const migrations = path.resolve(import.meta.dirname, "..", "prisma", "migrations");
const sqlite = new Database(file);
for (const m of fs.readdirSync(migrations).filter((d) => fs.existsSync(path.join(migrations, d, "migration.sql"))).sort()) {
  sqlite.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
}
sqlite.close();
process.env.DATABASE_URL = `file:${file}`;

/** The temporary database's folder (removed by the OS's tmp cleaning; tests may rm it in afterAll). */
export const tempDbDir = dir;
