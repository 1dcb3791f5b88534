// The CLI compiled ahead: esbuild bundles cli/main.ts and each command of
// cli/commands into cli/dist/<build>/ (ESM, packages left in node_modules, code
// shared between commands split into chunks), with a manifest of every
// command's name and help line, so that `postwright --help` loads no command
// and `postwright list` loads only `list`. cli/bin.mjs runs the newest build,
// and makes a new one when a source it was made from has changed.
//   node cli/build.mjs        builds now (npm run build and postinstall do)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const distDir = path.join(here, "dist");
/** Which build is current, and what it was made from; replaced atomically. */
export const currentFile = path.join(distDir, "current.json");

const RAW = Symbol("resolve without the plugin");

const commandFiles = (commandsDir = path.join(here, "commands")) =>
  fs
    .readdirSync(commandsDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();

/**
 * The current build, when every source it was made from is unchanged and the
 * commands folder holds the same files; undefined otherwise. A few dozen stat
 * calls: cheap enough for every run.
 */
export function currentBuild() {
  let current;
  try {
    current = JSON.parse(fs.readFileSync(currentFile, "utf8"));
  } catch {
    return undefined;
  }
  if (current.commandFiles.join() !== commandFiles().join()) return undefined;
  for (const [file, mtimeMs] of Object.entries(current.inputs)) {
    try {
      if (fs.statSync(path.join(root, file)).mtimeMs !== mtimeMs) return undefined;
    } catch {
      return undefined;
    }
  }
  return { ...current, dir: path.join(distDir, current.dir) };
}

/** Builds the CLI; returns the same shape as currentBuild(). */
export async function buildCli() {
  const { build } = await import("esbuild");
  const files = commandFiles();
  const name = `b-${Date.now().toString(36)}-${crypto.randomBytes(4).toString("hex")}`;
  const out = path.join(distDir, name);
  // Stat before reading: a file edited during the build is then seen as changed next time.
  const stats = new Map();
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: path.join(here, "main.ts"),
      ...Object.fromEntries(files.map((f) => [`commands/${f.slice(0, -3)}`, path.join(here, "commands", f)])),
    },
    outdir: out,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    banner: {
      js: 'import { createRequire as __pwCreateRequire } from "node:module"; const require = __pwCreateRequire(import.meta.url);',
    },
    logLevel: "silent",
    plugins: [
      {
        name: "postwright-cli",
        setup(b) {
          // `import "server-only"` guards Next's client bundles; the CLI is server code.
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
          // Packages stay in node_modules and load through require(): Node then skips the
          // export scan it gives a CommonJS package imported from ESM (Prisma's runtime: ~0.1 s).
          // A deep import that only a bundler resolves ("mailauth/lib/spf": a folder) is
          // written out as the file it names.
          b.onResolve({ filter: /^(?:@[^/]+\/)?[^./@][^/]*/ }, async (args) => {
            if (args.pluginData === RAW || args.path.startsWith("node:")) return undefined;
            if (args.namespace === "package") return { path: args.path, external: true };
            let spec = args.path;
            if (/^((?:@[^/]+\/)?[^/]+)\/./.test(spec)) {
              const r = await b.resolve(spec, { kind: args.kind, resolveDir: args.resolveDir, pluginData: RAW });
              const m = r.errors.length ? null : /\/node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)$/.exec(r.path);
              if (m) {
                const dir = r.path.slice(0, r.path.length - m[2].length);
                if (!JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).exports) spec = m[1] + m[2];
              }
            }
            // import("pkg") stays an import: esbuild would make the wrapper a chunk of its own, outside CommonJS.
            return args.kind === "dynamic-import"
              ? { path: spec, external: true }
              : { path: spec, namespace: "package" };
          });
          b.onLoad({ filter: /.*/, namespace: "package" }, (args) => ({
            contents: `module.exports = require(${JSON.stringify(args.path)});`,
            loader: "js",
          }));
          b.onLoad({ filter: /\.(ts|tsx|mts|json)$/ }, (args) => {
            if (!stats.has(args.path)) stats.set(args.path, fs.statSync(args.path).mtimeMs);
            return undefined;
          });
        },
      },
    ],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    if (/^(empty|package):/.test(file)) continue;
    const abs = path.resolve(root, file);
    inputs[path.relative(root, abs)] = stats.get(abs) ?? fs.statSync(abs).mtimeMs;
  }
  // The root help lists every command without loading any: their names and help lines, read once here.
  const { Command } = await import("commander");
  const program = new Command("postwright");
  const help = program.createHelp();
  const commands = [];
  for (const f of files) {
    const before = program.commands.length;
    const mod = await import(pathToFileURL(path.join(out, "commands", `${f.slice(0, -3)}.mjs`)).href);
    mod.register?.(program);
    for (const cmd of program.commands.slice(before))
      commands.push({
        name: cmd.name(),
        aliases: cmd.aliases(),
        term: help.subcommandTerm(cmd),
        description: help.subcommandDescription(cmd),
        module: `commands/${f.slice(0, -3)}.mjs`,
      });
  }
  const current = { dir: name, builtAt: new Date().toISOString(), commandFiles: files, commands, inputs };
  const tmp = `${currentFile}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, JSON.stringify(current, null, 1));
  fs.renameSync(tmp, currentFile);
  removeOldBuilds(name);
  return { ...current, dir: out };
}

/** Builds other than this one and the current, older than a minute (a CLI started just before may still load them). */
function removeOldBuilds(keep) {
  let current;
  try {
    current = JSON.parse(fs.readFileSync(currentFile, "utf8")).dir;
  } catch {
    /* none */
  }
  for (const d of fs.readdirSync(distDir)) {
    if (!d.startsWith("b-") || d === keep || d === current) continue;
    const p = path.join(distDir, d);
    if (Date.now() - fs.statSync(p).mtimeMs > 60_000) fs.rmSync(p, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const b = await buildCli();
  console.log(`postwright CLI built: ${path.relative(root, b.dir)} (${b.commands.length} commands)`);
}
