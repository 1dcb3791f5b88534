#!/usr/bin/env node
// `npm start`: migrate the embedded SQLite database, build when the sources are
// newer than the last build, then serve the wizard on all interfaces.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "./prepare-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT || "3000";
const host = process.env.HOST || "0.0.0.0";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

// 1. The database (default ./data/postwright.db) and its migrations.
let dbFile;
try {
  dbFile = await prepareDatabase(process.env);
} catch (e) {
  console.error(`Postwright: ${e.message}`);
  process.exit(1);
}

// 2. A production build, when missing or older than any source file.
const SOURCES = [
  "app",
  "components",
  "lib",
  "messages",
  "i18n",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "postcss.config.mjs",
];
function newest(p) {
  if (!fs.existsSync(p) || p.includes(`${path.sep}generated`)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}
const buildId = path.join(root, ".next", "BUILD_ID");
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (built < Math.max(...SOURCES.map((s) => newest(path.join(root, s))))) {
  console.log("Postwright: building the wizard (about a minute, once)…");
  const r = spawnSync(bin("next"), ["build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 3. Serve.
console.log(`Postwright: serving on http://${host}:${port} (database ${dbFile})`);
const child = spawn(bin("next"), ["start", "-H", host, "-p", port], {
  stdio: "inherit",
  env: { ...process.env, PORT: port },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
