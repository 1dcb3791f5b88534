import { messageText } from "@/components/checks/message-text";
import type { CheckResult } from "./result";

/**
 * A result with its texts (summary, fix, each detail's note) in the reader's language,
 * rendered on the server with the "findings" messages (`t` from getTranslations("findings")),
 * so the browser never needs that catalogue. A key the catalogue lacks keeps the English text.
 */
export function localizeResult(result: CheckResult, t: unknown): CheckResult {
  const fix = result.fixRef && messageText(t, result.fixRef);
  return {
    ...result,
    summary: messageText(t, result.summaryRef) ?? result.summary,
    ...(fix ? { fix } : {}),
    details: result.details.map((d) => {
      const note = d.noteRef && messageText(t, d.noteRef);
      return note ? { ...d, note } : d;
    }),
  };
}
