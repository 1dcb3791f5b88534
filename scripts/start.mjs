#!/usr/bin/env node
// `npm start`: migrate the embedded SQLite database when it is behind, build
// when the sources are newer than the last build, then become the server
// (scripts/serve.mjs, in this same process: no wrapper left running).
//
// package.json starts it with `--max-semi-space-size=1` (MiB): V8's young generation
// otherwise grows to 2 × 16 MiB semi-spaces on the first page renders and keeps them,
// resident, for a server that answers one person on a LAN (issue 15: about 8 MiB of
// the idle RSS; the pages' time to first byte stayed within the run-to-run spread).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "./prepare-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";

// 1. The database (default ./data/postwright.db) and its migrations.
try {
  await prepareDatabase(process.env);
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
  "next.config.mjs",
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
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 3. Serve, in this process.
await import("./serve.mjs");
