// What Next would answer 500 to, refused first with a 400: the body of a
// server-action call (or of a page POST Next would take for a form action)
// that is not well-formed multipart, whose root is not a JSON array, or whose
// React references point at parts the body does not have, or at paths inside
// them that do not exist. (React's decoder throws on those before any action
// code runs.)
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const busboy = require("next/dist/compiled/busboy");

const PLAIN_SPECIALS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const MAX_DEPTH = 64;
/** The parts whose references were checked already, per body (the root is). */
const checkedParts = new WeakMap();

/**
 * The value a path reference ("$<part>:<key>:<key>…", React's reply encoder writes one for an object it
 * has written before, e.g. "$0:1:report:verdicts") points at, walked as React's decoder walks it: each
 * step an own key of a plain object or array, through the parts that other references outline.
 * `undefined` when it points at nothing (React throws "Invalid reference.").
 */
function resolvePath(part, keys, parts, depth, visited) {
  if (depth > MAX_DEPTH) return undefined;
  visited.add(String(parseInt(part, 16)));
  let value;
  try {
    value = JSON.parse(parts.get(String(parseInt(part, 16))));
  } catch {
    return undefined;
  }
  const follow = (v) => {
    const ref = typeof v === "string" ? /^\$([0-9a-f]+)((?::[^:]*)*)$/.exec(v) : null;
    return ref ? resolvePath(ref[1], ref[2].split(":").slice(1), parts, depth + 1, visited) : v;
  };
  for (const key of keys) {
    value = follow(value);
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return follow(value);
}

/** Problems with React references in a decoded JSON value, given the names of the body's parts. */
function referenceProblem(value, parts, depth = 0) {
  if (depth > MAX_DEPTH) return "nested too deeply";
  if (typeof value === "string") {
    if (!value.startsWith("$") || value.startsWith("$$") || PLAIN_SPECIALS.has(value)) return null;
    if (/^\$D/.test(value) || /^\$n-?\d+$/.test(value) || /^\$K[0-9a-f]+$/.test(value)) return null;
    const path = /^\$([0-9a-f]+)((?::[^:]*)+)$/.exec(value);
    if (path) {
      const visited = new Set();
      const target = resolvePath(path[1], path[2].split(":").slice(1), parts, depth + 1, visited);
      if (target === undefined) return `reference ${value.slice(0, 40)} to a missing value`;
      // React decodes every part the path goes through: their own references are checked once each.
      const checked = checkedParts.get(parts);
      for (const id of visited) {
        if (checked.has(id)) continue;
        checked.add(id);
        const p = referenceProblem(JSON.parse(parts.get(id)), parts, depth + 1);
        if (p) return p;
      }
      return null;
    }
    const ref = /^\$([@QWFiB]?)([0-9a-f]+)$/.exec(value);
    if (!ref) return `unknown reference ${value.slice(0, 20)}`;
    const part = parts.get(String(parseInt(ref[2], 16)));
    if (part === undefined) return `reference ${value.slice(0, 20)} to a missing part`;
    if (ref[1] === "B") return null;
    try {
      return referenceProblem(JSON.parse(part), parts, depth + 1);
    } catch {
      return `part of ${value.slice(0, 20)} is not JSON`;
    }
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = referenceProblem(v, parts, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) {
      const p = referenceProblem(v, parts, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

function rootProblem(text, parts) {
  // The root is part 0 (a path reference may point into it).
  if (!parts.has("0")) parts.set("0", text);
  checkedParts.set(parts, new Set(["0"]));
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    return "the arguments are not JSON";
  }
  if (!Array.isArray(root)) return "the arguments are not a list";
  return referenceProblem(root, parts);
}

function multipartParts(headers, body) {
  return new Promise((resolve) => {
    const parts = new Map();
    let bb;
    try {
      bb = busboy({ headers, limits: { fieldSize: body.length + 1, fields: 20_000, files: 100, parts: 20_000 } });
    } catch (e) {
      resolve({ error: `not multipart/form-data: ${e.message}` });
      return;
    }
    bb.on("field", (name, value) => parts.set(name, value));
    bb.on("file", (name, stream) => {
      parts.set(name, "");
      stream.resume();
    });
    bb.on("error", (e) => resolve({ error: `malformed multipart body: ${e.message}` }));
    bb.on("close", () => resolve({ parts }));
    bb.end(body);
  });
}

/** Why Next could not read this page POST's body, or null when it can. */
export async function actionBodyProblem(headers, body) {
  const type = String(headers["content-type"] ?? "").toLowerCase();
  const isAction = headers["next-action"] !== undefined;
  if (type.startsWith("multipart/form-data")) {
    const { parts, error } = await multipartParts(headers, body);
    if (error) return error;
    if (!isAction) return null;
    return parts.has("0") ? rootProblem(parts.get("0"), parts) : "the arguments are missing";
  }
  if (!isAction) return null;
  if (type.startsWith("application/x-www-form-urlencoded")) return null;
  return rootProblem(body.toString("utf8"), new Map());
}
