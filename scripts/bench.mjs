#!/usr/bin/env node
// `npm run bench`: runs every bench/*.ts (or those named) and prints their figures.
// bench/versus-empty-next.ts runs first: it builds Postwright clean (and an empty
// Next app beside it), and the others measure that build. The checks and load
// benches need the test rig (scripts/install-rig.sh).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CA_CERT_FILE, loadOrCreateCertificate } from "./server/certificate.mjs";

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
// The benches that start a server use the e2e helpers (e2e/server.ts): they get
// the private CA that Playwright's global setup would make, and serve on loopback
// (the e2e LAN address exists only in the test's own network namespace).
const caDir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bench-ca-"));
const ca = await loadOrCreateCertificate(caDir, { dns: ["localhost"], ips: ["127.0.0.1"] });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
  POSTWRIGHT_E2E_ADDRESS: process.env.POSTWRIGHT_E2E_ADDRESS ?? "127.0.0.1",
  POSTWRIGHT_E2E_CA_DIR: caDir,
  POSTWRIGHT_E2E_CA_SPKI: ca.caSpki256,
  NODE_EXTRA_CA_CERTS: path.join(caDir, CA_CERT_FILE),
};
let failed = 0;
for (const f of files) {
  console.log(`\n# bench/${f}`);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./bench/support/server-only.mjs", path.join("bench", f)],
    {
      stdio: "inherit",
      env,
    },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
