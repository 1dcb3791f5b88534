// The browser gets only the messages its client components translate with: every
// route file (page, layout, loading…) that renders client components wraps them in
// <ClientMessages keys={[…]}> with exactly the message keys those components (and
// what they import) use. Read from the sources (parsed), statically.
import fs from "node:fs";
import path from "node:path";
import { parse, parseExpression } from "@babel/parser";
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

type Node = { type: string; start?: number | null; [k: string]: unknown };

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === "loc" || k === "extra" || k === "leadingComments" || k === "trailingComments") continue;
    for (const c of Array.isArray(v) ? v : [v])
      if (c && typeof c === "object" && typeof c.type === "string") out.push(c);
  }
  return out;
}

/** The keys a translator's first argument can name: literal keys, "*" for each part built at run time. */
function keysOf(arg: Node | undefined): string[] | undefined {
  if (!arg) return undefined;
  switch (arg.type) {
    case "StringLiteral":
      return [arg.value as string];
    case "TemplateLiteral": {
      const quasis = (arg.quasis as Node[]).map((q) => (q.value as { cooked: string }).cooked);
      const key = quasis.join("*");
      return /^[*.]*$/.test(key) ? undefined : [key];
    }
    case "ConditionalExpression":
    case "LogicalExpression": {
      const parts = arg.type === "LogicalExpression" ? [arg.left, arg.right] : [arg.consequent, arg.alternate];
      const keys = (parts as Node[]).map(keysOf);
      return keys.some((k) => !k) ? undefined : (keys.flat() as string[]);
    }
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "ParenthesizedExpression":
      return keysOf(arg.expression as Node);
    default:
      return undefined; // a key known only at run time: the translator's whole namespace
  }
}

const parsed = new Map<string, string[]>();

/**
 * Message keys one client module translates with: each `const t = useTranslations("ns")` and
 * every t("key"), t.rich / t.markup / t.has / t.raw("key") of it (a template literal's run-time
 * parts become "*"; a key known only at run time, or t handed to a helper, means the whole namespace).
 * Texts chosen at run time by the server (an action's errors and messages) come translated instead (lib/forms/form-state Text).
 */
function ownKeys(file: string): string[] {
  const hit = parsed.get(file);
  if (hit) return hit;
  const rel = path.relative(root, file);
  const text = read(file);
  const ast = parse(text, { sourceType: "module", plugins: ["typescript", "jsx"] }).program as unknown as Node;
  const out: string[] = [];
  // The translators, by name, with the function each is declared in.
  const bindings: { name: string; ns: string; scope: Node }[] = [];
  const visit = (node: Node, ancestors: Node[], fn: (node: Node, ancestors: Node[]) => void) => {
    fn(node, ancestors);
    for (const c of children(node)) visit(c, [...ancestors, node], fn);
  };
  const isFunction = (n: Node) => /Function|ArrowFunction|Program/.test(n.type);
  visit(ast, [], (node, ancestors) => {
    if (node.type !== "VariableDeclarator") return;
    const init = node.init as Node | null;
    if (init?.type !== "CallExpression" || (init.callee as Node).name !== "useTranslations") return;
    const [arg] = init.arguments as Node[];
    const ns = !arg ? "" : arg.type === "StringLiteral" ? (arg.value as string) : null;
    if (ns === null)
      throw new Error(
        `${rel}: useTranslations(${text.slice(arg.start!, arg.end as number)}) — give a literal namespace`,
      );
    const scope = [...ancestors].reverse().find(isFunction)!;
    bindings.push({ name: (node.id as Node).name as string, ns, scope });
  });
  visit(ast, [], (node, ancestors) => {
    if (node.type !== "Identifier") return;
    const parent = ancestors.at(-1)!;
    if (parent.type === "VariableDeclarator" && parent.id === node) return;
    if (
      (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") &&
      parent.property === node &&
      !parent.computed
    )
      return;
    if ((parent.type === "ObjectProperty" || parent.type === "ObjectMethod") && parent.key === node && !parent.computed)
      return;
    const scopes = ancestors.filter(isFunction).reverse();
    const binding = scopes.map((s) => bindings.find((b) => b.name === node.name && b.scope === s)).find(Boolean);
    if (!binding) return;
    const where = `${rel}:${text.slice(0, node.start!).split("\n").length}`;
    let call: Node | undefined;
    if (parent.type === "CallExpression" && parent.callee === node) call = parent;
    else if (
      parent.type === "MemberExpression" &&
      parent.object === node &&
      ["rich", "markup", "has", "raw"].includes((parent.property as Node).name as string) &&
      ancestors.at(-2)?.type === "CallExpression" &&
      ancestors.at(-2)!.callee === parent
    )
      call = ancestors.at(-2);
    // Given to a helper (t passed as an argument): any key of its namespace.
    const keys = call && keysOf((call.arguments as Node[])[0]);
    const prefix = binding.ns ? `${binding.ns}.` : "";
    if (!keys) out.push(binding.ns || "*");
    else out.push(...keys.map((k) => prefix + k));
  });
  parsed.set(file, out);
  return out;
}

/** Everything a client component and the modules it imports translate with. */
function clientKeys(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || isServerActions(file)) return [];
  seen.add(file);
  return [...ownKeys(file), ...imports(file).flatMap((f) => clientKeys(f, seen))];
}

/** The message keys the client components reachable from a server module need. */
function neededBy(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || isServerActions(file)) return [];
  seen.add(file);
  if (isClient(file)) return clientKeys(file);
  return imports(file).flatMap((f) => neededBy(f, seen));
}

/** Whether key pattern `a` takes in everything `b` names ("x" covers "x.y", "x.*.name" covers "x.a.name"). */
function covers(a: string, b: string): boolean {
  const [as, bs] = [a.split("."), b.split(".")];
  if (a === b || as.length > bs.length) return false;
  return as.every((seg, i) => {
    if (seg === bs[i]) return true;
    if (!seg.includes("*")) return false;
    const re = new RegExp(
      `^${seg
        .split("*")
        .map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, "\\$&"))
        .join(".*")}$`,
    );
    return re.test(bs[i]);
  });
}

/** Sorted, without a key that another one already takes in. */
function normalize(keys: string[]): string[] {
  const set = [...new Set(keys)];
  return set.filter((k) => !set.some((p) => covers(p, k))).sort();
}

function declared(file: string): string[] | undefined {
  // A route file that only re-exports another's default (the same layout for the same form) declares what that one does.
  const same = /^export \{ default \} from ["']([^"']+)["'];\s*$/.exec(
    read(file).replace(/^(\/\/.*|\/\*[^]*?\*\/)\s*/gm, ""),
  );
  const target = same && resolve(same[1], file);
  if (target) return declared(target);
  const all = [...read(file).matchAll(/<ClientMessages\s+keys=\{\[([^\]]*)\]\}/g)];
  if (!all.length) return undefined;
  return normalize(all.flatMap((m) => listed(m[1], file)));
}

/** The keys written in a list's text: quoted strings, and `...NAME` for an exported constant list imported from a module. */
function listed(list: string, file: string): string[] {
  const keys = [...list.matchAll(/["']([\w.*]+)["']/g)].map((x) => x[1]);
  for (const [, name] of list.matchAll(/\.\.\.(\w+)/g)) {
    const from = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*["']([^"']+)["']`).exec(read(file));
    const target = from && resolve(from[1], file);
    const body = target && new RegExp(`export const ${name}\\s*=\\s*\\[([^\\]]*)\\]`).exec(read(target));
    if (!body) throw new Error(`${path.relative(root, file)}: cannot read the keys of ...${name}`);
    keys.push(...listed(body[1], target));
  }
  return keys;
}

const en = loadMessages("en");

/** The message paths (leaves of the English messages) that a list of keys and patterns picks, sorted. */
function leaves(keys: readonly string[]): string[] {
  const flat = (o: unknown, at: string): string[] =>
    o && typeof o === "object" ? Object.entries(o).flatMap(([k, v]) => flat(v, at ? `${at}.${k}` : k)) : [at];
  const picked = keys.flatMap((k) => {
    try {
      return flat(pickMessages(en, [k]), "");
    } catch {
      return [];
    }
  });
  return [...new Set(picked)].sort();
}

/** The shortest list of keys naming exactly these message paths: a group whose every message is in it, by its name. */
function compact(paths: readonly string[]): string[] {
  const set = new Set(paths);
  const out: string[] = [];
  const all = (o: unknown, at: string): boolean =>
    o && typeof o === "object" ? Object.entries(o).every(([k, v]) => all(v, `${at}.${k}`)) : set.has(at);
  const visit = (o: Record<string, unknown>, at: string) => {
    for (const [k, v] of Object.entries(o)) {
      const p = at ? `${at}.${k}` : k;
      if (all(v, p)) out.push(p);
      else if (v && typeof v === "object") visit(v as Record<string, unknown>, p);
    }
  };
  visit(en, "");
  return out.sort();
}

const text = (file: string, node: Node) => read(file).slice(0, node.start!).split("\n").length;

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
  it("the innermost ClientMessages of each route passes exactly the message keys its client components use", () => {
    // A route folder's client components get their messages from ClientMessages in the folder's
    // layout.tsx (which then covers all of the folder's route files), or in each route file itself.
    const wrong: string[] = [];
    // Compared as the messages they pick, so a list may name a group of keys that are all used.
    const check = (files: string[], where: string) => {
      const needed = normalize(files.flatMap((f) => neededBy(f)));
      const given = declared(where);
      if (!needed.length && !given) return;
      for (const k of needed) if (!leaves([k]).length) wrong.push(`${path.relative(root, where)}: no message at ${k}`);
      const [want, has] = [leaves(needed), leaves(given ?? [])];
      if (JSON.stringify(want) !== JSON.stringify(has)) {
        const [missing, unused] = [want.filter((k) => !has.includes(k)), has.filter((k) => !want.includes(k))];
        wrong.push(
          `${path.relative(root, where)}: <ClientMessages keys={${JSON.stringify(compact(want))}}> ` +
            `(missing ${JSON.stringify(missing)}, unused ${JSON.stringify(unused)})`,
        );
      }
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

  it("a route file with several ClientMessages gives each exactly what the components inside it use", () => {
    // A page whose sections render apart (an order under way, or the order form) sends each its own keys.
    const wrong: string[] = [];
    for (const file of routeFiles) {
      if ((read(file).match(/<ClientMessages\b/g) ?? []).length < 2) continue;
      const ast = parse(read(file), { sourceType: "module", plugins: ["typescript", "jsx"] })
        .program as unknown as Node;
      const from = new Map<string, string>();
      for (const d of ast.body as Node[])
        if (d.type === "ImportDeclaration" && d.importKind !== "type")
          for (const sp of d.specifiers as Node[])
            from.set((sp.local as Node).name as string, (d.source as Node).value as string);
      const used = (node: Node, out: string[] = []): string[] => {
        if (node.type === "JSXOpeningElement" && (node.name as Node).type === "JSXIdentifier") {
          const spec = from.get((node.name as Node).name as string);
          const target = spec && resolve(spec, file);
          if (target) out.push(...neededBy(target));
        }
        for (const c of children(node)) used(c, out);
        return out;
      };
      const sections: Node[] = [];
      const outside: string[] = [];
      const find = (node: Node) => {
        if (node.type === "JSXElement" && ((node.openingElement as Node).name as Node).name === "ClientMessages")
          return void sections.push(node);
        if (node.type === "JSXOpeningElement") used({ ...node, attributes: [] } as Node, outside);
        for (const c of children(node)) find(c);
      };
      find(ast);
      if (outside.length) wrong.push(`${path.relative(root, file)}: client components outside ClientMessages`);
      for (const section of sections) {
        const attr = ((section.openingElement as Node).attributes as Node[]).find(
          (a) => (a.name as Node)?.name === "keys",
        );
        const given = (((attr?.value as Node)?.expression as Node)?.elements as Node[]).map((e) => e.value as string);
        const needed = normalize(used(section));
        if (JSON.stringify(leaves(needed)) !== JSON.stringify(leaves(given)))
          wrong.push(
            `${path.relative(root, file)}:${text(file, section)}: keys={${JSON.stringify(compact(leaves(needed)))}}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it("ClientMessages appears only in route files, and every key it names exists in every locale", () => {
    const elsewhere = sources.filter((f) => !routeFiles.includes(f) && /<ClientMessages\b/.test(read(f)));
    expect(elsewhere.map((f) => path.relative(root, f))).toEqual([]);
    for (const locale of ["en", "fr"] as const) {
      const messages = loadMessages(locale);
      for (const file of routeFiles)
        for (const key of declared(file) ?? []) expect(() => pickMessages(messages, [key])).not.toThrow();
    }
  });

  it("picks keys and patterns at their own path and returns the same object for the same request", () => {
    const messages = {
      a: { x: "1" },
      b: { c: { y: "2" }, d: "3" },
      m: { http: { name: "H", help: "h" }, dns: { name: "D", help: "d" } },
      s: { dmarcNone: "n", dmarcReject: "r", dmarcHelp: "?", other: "o" },
    };
    const picked = pickMessages(messages, ["a", "b.c.y", "m.*.name", "s.dmarc*"]);
    expect(picked).toEqual({
      a: { x: "1" },
      b: { c: { y: "2" } },
      m: { http: { name: "H" }, dns: { name: "D" } },
      s: { dmarcNone: "n", dmarcReject: "r", dmarcHelp: "?" },
    });
    expect(pickMessages(messages, ["s.dmarc*", "m.*.name", "b.c.y", "a"])).toBe(picked);
    expect(() => pickMessages(messages, ["nope"])).toThrow(/nope/);
    expect(() => pickMessages(messages, ["m.*.nope"])).toThrow(/nope/);
  });

  it("reads the keys a component uses, and covers keys by their patterns", () => {
    const arg = (code: string) =>
      (parseExpression(code, { plugins: ["typescript"] }) as unknown as Node).arguments as Node[];
    expect(keysOf(arg('t(a ? "x" : `y.${b}.z`)')[0])).toEqual(["x", "y.*.z"]);
    expect(keysOf(arg("t(`dmarc${p}`)")[0])).toEqual(["dmarc*"]);
    expect(keysOf(arg("t(code)")[0])).toBeUndefined();
    expect(keysOf(arg("t(`${a}.${b}`)")[0])).toBeUndefined();
    expect(covers("x", "x.y")).toBe(true);
    expect(covers("x.*.name", "x.a.name")).toBe(true);
    expect(covers("x.dmarc*", "x.dmarcNone")).toBe(true);
    expect(covers("x.*.name", "x.a.help")).toBe(false);
    expect(normalize(["b.c", "a.x", "b", "a.x"])).toEqual(["a.x", "b"]);
    expect(compact(leaves(["auth", "common.save", "common.saving"]))).toEqual(["auth", "common.save", "common.saving"]);
  });
});
