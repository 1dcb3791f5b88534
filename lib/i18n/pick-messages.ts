type Messages = Record<string, unknown>;

const picked = new WeakMap<Messages, Map<string, Messages>>();

/**
 * The part of a locale's messages under the given namespaces ("dns", or a nested
 * one such as "certificate.preflight"), at the same paths. The same request
 * gets the same object back, so the page's payload carries it once.
 */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const key = [...namespaces].sort().join(",");
  let forMessages = picked.get(messages);
  if (!forMessages) picked.set(messages, (forMessages = new Map()));
  const hit = forMessages.get(key);
  if (hit) return hit;
  const out: Messages = {};
  for (const ns of namespaces) {
    const parts = ns.split(".");
    let from: unknown = messages;
    for (const p of parts) from = from && typeof from === "object" ? (from as Messages)[p] : undefined;
    if (from === undefined) throw new Error(`no message namespace "${ns}"`);
    let to = out;
    for (const p of parts.slice(0, -1)) to = (to[p] ??= {}) as Messages;
    to[parts[parts.length - 1]] = from;
  }
  forMessages.set(key, out);
  return out;
}
