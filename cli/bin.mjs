#!/usr/bin/env node
// The CLI, in this very process (so signals and exit codes are the CLI's own).
// It runs compiled (cli/build.mjs: the newest build, remade first when one of
// its sources changed), loading only the command it runs; without esbuild, the
// TypeScript sources run through tsx, with `server-only` resolved to an empty module.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildCli, currentBuild } from "./build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
// `postwright setup-link | head -1`: a reader that stops early is no error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const root = path.resolve(here, "..");
process.env.POSTWRIGHT_ROOT ??= root;
const url = (...p) => pathToFileURL(path.join(...p)).href;

// POSTWRIGHT_CLI_FROM_SOURCE=1 runs the TypeScript sources (tests compare both ways).
const fromSource = process.env.POSTWRIGHT_CLI_FROM_SOURCE === "1";
let build = fromSource ? undefined : currentBuild();
if (!build && !fromSource) {
  try {
    build = await buildCli();
  } catch (e) {
    if (process.env.POSTWRIGHT_CLI_DEBUG)
      console.error("postwright: compiling the CLI failed, running it from source:", e);
  }
}
if (build) {
  const { main } = await import(url(build.dir, "main.mjs"));
  const modules = new Map(build.commands.map((c) => [c.name, c.module]));
  await main(root, {
    manifest: build.commands,
    load: (names) =>
      Promise.all(
        [...new Set(names ? names.map((n) => modules.get(n)) : modules.values())].map((m) => import(url(build.dir, m))),
      ),
  });
} else {
  const { register } = await import("node:module");
  register(url(here, "server-only-hook.mjs"));
  const { register: registerTsx } = await import("tsx/esm/api");
  registerTsx({ tsconfig: path.join(root, "tsconfig.json") });
  const { main } = await import(url(here, "main.ts"));
  const dir = path.join(here, "commands");
  await main(root, {
    load: () =>
      Promise.all(
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
          .sort()
          .map((f) => import(url(dir, f))),
      ),
  });
}
