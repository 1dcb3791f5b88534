#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, with the "react-server" condition so
// modules guarded by `import "server-only"` load outside Next.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const tsconfig = path.join(root, "tsconfig.json");
const r = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--no-warnings=ExperimentalWarning", "--import", "tsx", path.join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: process.cwd(), env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, POSTWRIGHT_ROOT: root } },
);
process.exit(r.status ?? 1);
