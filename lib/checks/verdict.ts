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

/** The English text of a message under "messages" in messages/en/checks.json. */
export function renderMessage(ref: MessageRef): string {
  let node: unknown = (en as { messages: unknown }).messages;
  for (const part of ref.key.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== "string") return ref.key;
  return node.replace(/\{(\w+)\}/g, (m, name: string) =>
    ref.params && name in ref.params ? String(ref.params[name]) : m,
  );
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
