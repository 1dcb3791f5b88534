// What Next would answer 500 to, refused first with a 400: the body of a
// server-action call (or of a page POST Next would take for a form action)
// that is not well-formed multipart, whose root is not a JSON array, or whose
// React references point at parts the body does not have. (React's decoder
// throws on those before any action code runs.)
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const busboy = require("next/dist/compiled/busboy");

const PLAIN_SPECIALS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const MAX_DEPTH = 64;

/** Problems with React references in a decoded JSON value, given the names of the body's parts. */
function referenceProblem(value, parts, depth = 0) {
  if (depth > MAX_DEPTH) return "nested too deeply";
  if (typeof value === "string") {
    if (!value.startsWith("$") || value.startsWith("$$") || PLAIN_SPECIALS.has(value)) return null;
    if (/^\$D/.test(value) || /^\$n-?\d+$/.test(value) || /^\$K[0-9a-f]+$/.test(value)) return null;
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
