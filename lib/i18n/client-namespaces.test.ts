// The browser gets only the message namespaces its client components translate
// with: every route file (page, layout, loading…) that renders client components
// wraps them in <ClientMessages namespaces={[…]}> with exactly the namespaces
// those components (and what they import) use. Read from the sources, statically.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { pickMessages } from "./pick-messages";

const root = path.resolve(import.meta.dirname, "..", "..");
const ROUTE_FILE = /^(page|layout|loading|error|not-found|template|default)\.tsx$/;

const texts = new Map<string, string>();
function read(file: string): string {
  let t = texts.get(file);
  if (t === undefined) texts.set(file, (t = fs.readFileSync(file, "utf8")));
  return t;
}

function resolve(spec: string, from: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined; // a package
  for (const f of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (/\.tsx?$/.test(f) && fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  return undefined;
}

/** Modules a file imports for their values (type-only imports render nothing). */
function imports(file: string): string[] {
  const out: string[] = [];
  const text = read(file);
  const re = /(?:import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue;
    const f = resolve(m[2] ?? m[3], file);
    if (f && !f.includes(`${path.sep}generated${path.sep}`)) out.push(f);
  }
  return out;
}

const directive = (file: string, d: string) => new RegExp(`^\\s*["']${d}["'];?\\s*$`, "m").test(read(file));
const isClient = (file: string) => directive(file, "use client");
const isServerActions = (file: string) => directive(file, "use server");

/** Namespaces one client module translates with: useTranslations("x") and namespace="x" given to a child. */
function ownNamespaces(file: string): string[] {
  const text = read(file);
  const out: string[] = [];
  for (const m of text.matchAll(/useTranslations\(([^)]*)\)/g)) {
    const arg = m[1].trim();
    const literal = /^["']([\w.]+)["']$/.exec(arg);
    if (literal) out.push(literal[1]);
    else if (arg !== "namespace")
      throw new Error(`${path.relative(root, file)}: useTranslations(${arg}) — give a literal namespace`);
  }
  for (const m of text.matchAll(/\bnamespace=["']([\w.]+)["']/g)) out.push(m[1]);
  return out;
}

/** Everything a client component and the modules it imports translate with. */
function clientNamespaces(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || isServerActions(file)) return [];
  seen.add(file);
  return [...ownNamespaces(file), ...imports(file).flatMap((f) => clientNamespaces(f, seen))];
}

/** The namespaces the client components reachable from a server module need. */
function neededBy(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || isServerActions(file)) return [];
  seen.add(file);
  if (isClient(file)) return clientNamespaces(file);
  return imports(file).flatMap((f) => neededBy(f, seen));
}

/** Sorted, without a nested namespace whose parent is already there. */
function normalize(namespaces: string[]): string[] {
  const set = [...new Set(namespaces)];
  return set.filter((ns) => !set.some((p) => ns !== p && ns.startsWith(`${p}.`))).sort();
}

function declared(file: string): string[] | undefined {
  const all = [...read(file).matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)];
  if (!all.length) return undefined;
  return normalize(all.flatMap((m) => [...m[1].matchAll(/["']([\w.]+)["']/g)].map((x) => x[1])));
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const routeFiles = walk(path.join(root, "app")).filter((f) => ROUTE_FILE.test(path.basename(f)));
const sources = ["app", "components", "lib"]
  .flatMap((d) => walk(path.join(root, d)))
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`));

describe("messages sent to the browser", () => {
  it("the innermost ClientMessages of each route passes exactly the namespaces its client components use", () => {
    // A route folder's client components get their messages from ClientMessages in the folder's
    // layout.tsx (which then covers all of the folder's route files), or in each route file itself.
    const wrong: string[] = [];
    const check = (files: string[], where: string) => {
      const needed = normalize(files.flatMap((f) => neededBy(f)));
      const given = declared(where);
      if (!needed.length && !given) return;
      if (JSON.stringify(needed) !== JSON.stringify(given ?? []))
        wrong.push(
          `${path.relative(root, where)}: <ClientMessages namespaces={${JSON.stringify(needed)}}> (has ${JSON.stringify(given ?? null)})`,
        );
    };
    const folders = [...new Set(routeFiles.map((f) => path.dirname(f)))];
    for (const dir of folders) {
      const inFolder = routeFiles.filter((f) => path.dirname(f) === dir);
      const layout = inFolder.find((f) => path.basename(f) === "layout.tsx");
      const others = inFolder.filter((f) => f !== layout);
      if (layout && declared(layout)) {
        check(inFolder, layout);
        for (const f of others)
          if (declared(f)) wrong.push(`${path.relative(root, f)}: its layout already passes the messages`);
        // Pages in folders below would get this layout's messages even when they need none.
        const nested = routeFiles.filter((f) => f.startsWith(dir + path.sep) && path.dirname(f) !== dir);
        if (nested.length)
          wrong.push(`${path.relative(root, layout)}: ClientMessages in a layout with routes below it`);
      } else {
        for (const f of inFolder) check([f], f);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("ClientMessages appears only in route files, and every namespace it names exists", () => {
    const elsewhere = sources.filter((f) => !routeFiles.includes(f) && /<ClientMessages\b/.test(read(f)));
    expect(elsewhere.map((f) => path.relative(root, f))).toEqual([]);
    const en = loadMessages("en");
    for (const file of routeFiles)
      for (const ns of declared(file) ?? []) expect(() => pickMessages(en, [ns])).not.toThrow();
  });

  it("picks nested namespaces at their own path and returns the same object for the same request", () => {
    const messages = { a: { x: "1" }, b: { c: { y: "2" }, d: "3" } };
    const picked = pickMessages(messages, ["a", "b.c"]);
    expect(picked).toEqual({ a: { x: "1" }, b: { c: { y: "2" } } });
    expect(pickMessages(messages, ["b.c", "a"])).toBe(picked);
    expect(() => pickMessages(messages, ["nope"])).toThrow(/nope/);
  });
});
