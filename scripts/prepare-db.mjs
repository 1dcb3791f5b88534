// Brings the SQLite database named by DATABASE_URL up to date: its folder
// (0700), every migration, WAL journaling (crash-safe, readers never block),
// and files only the owner can read (the database holds the admin's password
// hash; SQLite gives its -wal and -shm files the database file's mode).
// Used by `npm start`, the CLI and the e2e server harness.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function databaseFileOf(env = process.env) {
  const url = env.DATABASE_URL?.trim() || "file:./data/postwright.db";
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url}")`);
  return path.resolve(url.slice(5).replace(/\?.*$/, ""));
}

/** Migrations in prisma/migrations that the database has not applied (all of them when it has none). */
export async function pendingMigrations(file) {
  const dir = path.join(root, "prisma", "migrations");
  const all = fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")))
    .sort();
  if (!fs.existsSync(file)) return all;
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const done = new Set(
      sqlite
        .prepare(
          "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
        )
        .all()
        .map((r) => r.migration_name),
    );
    return all.filter((m) => !done.has(m));
  } catch {
    return all; // no migrations table yet
  } finally {
    sqlite.close();
  }
}

/** Owner-only modes on the database and its journal files. */
export function tightenDatabaseFiles(file) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
  }
}

export async function prepareDatabase(env = process.env) {
  const file = databaseFileOf(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A cheap look first: the migrate engine costs seconds even when there is nothing to do.
  if ((await pendingMigrations(file)).length > 0) {
    const previous = process.umask(0o077);
    try {
      const r = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
        cwd: root,
        env,
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`applying database migrations failed:\n${r.stdout}${r.stderr}`);
    } finally {
      process.umask(previous);
    }
  }
  tightenDatabaseFiles(file);
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  if (sqlite.pragma("journal_mode", { simple: true }) !== "wal") sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  tightenDatabaseFiles(file);
  return file;
}
