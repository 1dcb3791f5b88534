import { createTranslator } from "next-intl";
import en from "@/messages/en/checks.json";
import type { CheckDetail, CheckId, CheckResult, CheckStatus, MessageRef } from "./result";

/** A check's conclusion before it becomes a result. */
export interface Verdict {
  status: CheckStatus;
  summary: MessageRef;
  fix?: MessageRef;
}

export function verdict(
  status: CheckStatus,
  key: string,
  params?: MessageRef["params"],
  fixKey?: string,
  fixParams?: MessageRef["params"],
): Verdict {
  return { status, summary: { key, params }, fix: fixKey ? { key: fixKey, params: fixParams ?? params } : undefined };
}

const english = createTranslator({
  locale: "en",
  messages: { checks: en },
  namespace: "checks.messages",
  onError: () => {},
  getMessageFallback: ({ key }) => key,
});

/** The English text of a message under "messages" in messages/en/checks.json (ICU: plurals agree). */
export function renderMessage(ref: MessageRef): string {
  const key = ref.key as Parameters<typeof english>[0];
  return english.has(key) ? english(key, ref.params) : ref.key;
}

export function toResult(id: CheckId, v: Verdict, details: CheckDetail[]): CheckResult {
  return {
    id,
    status: v.status,
    summary: renderMessage(v.summary),
    summaryRef: v.summary,
    details,
    ...(v.fix && v.status !== "pass" ? { fix: renderMessage(v.fix), fixRef: v.fix } : {}),
  };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
