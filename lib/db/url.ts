import path from "node:path";

const DEFAULT_DATABASE_URL = "file:./data/postwright.db";

/** The SQLite URL in force: DATABASE_URL, or the embedded default under ./data. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** The database file's absolute path (relative URLs are taken from the working directory). */
export function databaseFile(env: NodeJS.ProcessEnv = process.env): string {
  const url = databaseUrl(env);
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file: URL, got "${url}"`);
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

/** The folder that holds the database, the secret key and other state. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.dirname(databaseFile(env));
}
