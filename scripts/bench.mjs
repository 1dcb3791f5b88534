#!/usr/bin/env node
// `npm run bench`: runs every bench/*.ts (or those named) and prints their figures.
// bench/versus-empty-next.ts runs first: it builds Postwright clean (and an empty
// Next app beside it), and the others measure that build. The checks and load
// benches need the test rig (scripts/install-rig.sh).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const wanted = process.argv.slice(2);
const FIRST = "versus-empty-next.ts";
const files = fs
  .readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && f !== "lib.ts" && !f.endsWith(".test.ts"))
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
  .sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
if (!files.includes(FIRST) && !fs.existsSync(".next/BUILD_ID")) {
  console.log("bench: building first (next build)…");
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n# bench/${f}`);
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("bench", f)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
