type Messages = Record<string, unknown>;

const picked = new WeakMap<Messages, Map<string, Messages>>();

/** One segment of a key pattern as a test: "*" stands for any run of characters within the segment. */
function segmentTest(segment: string): (name: string) => boolean {
  if (!segment.includes("*")) return (name) => name === segment;
  const re = new RegExp(
    `^${segment
      .split("*")
      .map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (name) => re.test(name);
}

/** Copies into `to` what lies under `parts` in `from`, at the same paths; false when nothing does. */
function copy(from: unknown, to: Messages, parts: string[]): boolean {
  if (!from || typeof from !== "object") return false;
  const [head, ...rest] = parts;
  const matches = segmentTest(head);
  let found = false;
  for (const [name, value] of Object.entries(from as Messages)) {
    if (!matches(name)) continue;
    if (!rest.length) {
      to[name] = value;
      found = true;
    } else {
      const sub = (to[name] ??= {}) as Messages;
      if (copy(value, sub, rest)) found = true;
      else if (!Object.keys(sub).length) delete to[name];
    }
  }
  return found;
}

/**
 * The part of a locale's messages at the given keys, at the same paths: a whole
 * namespace ("dns"), one message or a group of them ("certificate.form.title",
 * "certificate.preflight"), or a pattern whose "*" stands for any part of one
 * segment ("certificate.methods.*.name", "setup.dmarc*"), for keys built at run time.
 * The same request gets the same object back, so the page's payload carries it once.
 */
export function pickMessages(messages: Messages, keys: readonly string[]): Messages {
  const id = [...keys].sort().join(",");
  let forMessages = picked.get(messages);
  if (!forMessages) picked.set(messages, (forMessages = new Map()));
  const hit = forMessages.get(id);
  if (hit) return hit;
  const out: Messages = {};
  for (const key of keys) if (!copy(messages, out, key.split("."))) throw new Error(`no message at "${key}"`);
  forMessages.set(id, out);
  return out;
}
