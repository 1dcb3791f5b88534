import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./locale";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * All namespaces of one locale: every messages/<locale>/<namespace>.json,
 * keyed by file name, so each feature owns its own file.
 */
export function loadMessages(locale: Locale, root = process.cwd()): Messages {
  const hit = cache.get(locale);
  if (hit && process.env.NODE_ENV === "production") return hit;
  const dir = path.join(root, "messages", locale);
  const messages: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    messages[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  cache.set(locale, messages);
  return messages;
}
