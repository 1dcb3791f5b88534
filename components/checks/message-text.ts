import type { MessageRef } from "@/lib/checks/result";

type Translate = ((key: string, params?: Record<string, string | number>) => string) & { has(key: string): boolean };

/** A check's message in the reader's language, its nested messages (an error's cause) translated first; undefined when unknown. */
export function messageText(t: unknown, ref: MessageRef | undefined, prefix = ""): string | undefined {
  const tr = t as Translate;
  if (!ref || !tr.has(`${prefix}${ref.key}`)) return undefined;
  const params =
    ref.params &&
    Object.fromEntries(
      Object.entries(ref.params).map(([k, v]) => [k, typeof v === "object" ? (messageText(t, v, prefix) ?? v.key) : v]),
    );
  return tr(`${prefix}${ref.key}`, params);
}
