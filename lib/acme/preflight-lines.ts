import type { MessageRef } from "@/lib/checks/result";
import type { PreflightItem } from "./preflight";

/** One preflight finding as the page shows it: its texts already in the reader's language (T: a string, or a Text). */
export interface PreflightLine<T = string> {
  key: string;
  status: PreflightItem["status"];
  summary: T;
  fix?: T;
}

/** The findings with their texts read through `text` (undefined for a message it lacks: then the English summary). */
export function preflightLines<T>(
  items: readonly PreflightItem[],
  text: (ref: MessageRef | undefined) => T | undefined,
  plain: (s: string) => T,
): PreflightLine<T>[] {
  return items.map((i) => {
    const fix = text(i.fixRef);
    return {
      key: `${i.id}-${i.name}`,
      status: i.status,
      summary: text(i.summaryRef) ?? plain(i.summary),
      ...(fix !== undefined ? { fix } : {}),
    };
  });
}
