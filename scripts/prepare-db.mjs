// Brings the SQLite database named by DATABASE_URL up to date: its folder
// (0700), every migration, and WAL journaling (crash-safe, readers never block).
// Used by `npm start` and by the e2e server harness.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function prepareDatabase(env = process.env) {
  const url = env.DATABASE_URL?.trim() || "file:./data/postwright.db";
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url}")`);
  const file = path.resolve(url.slice(5).replace(/\?.*$/, ""));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const r = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`applying database migrations failed:\n${r.stdout}${r.stderr}`);
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return file;
}
