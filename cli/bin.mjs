#!/usr/bin/env node
// The TypeScript CLI, loaded in this very process through tsx (so signals and
// exit codes are the CLI's own), with `server-only` resolved to an empty module.
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// `postwright setup-link | head -1`: a reader that stops early is no error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.env.POSTWRIGHT_ROOT ??= path.resolve(here, "..");
register(pathToFileURL(path.join(here, "server-only-hook.mjs")));
const { register: registerTsx } = await import("tsx/esm/api");
registerTsx({ tsconfig: path.join(here, "..", "tsconfig.json") });
await import(pathToFileURL(path.join(here, "main.ts")).href);
