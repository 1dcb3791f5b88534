import { createTranslator } from "next-intl";
import en from "@/messages/en/findings.json";
import type { CheckDetail, CheckId, CheckResult, CheckStatus, MessageParam, MessageRef } from "./result";

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
  messages: { findings: en },
  namespace: "findings",
  onError: () => {},
  getMessageFallback: ({ key }) => key,
});

/** The English text of a message in messages/en/findings.json (ICU: plurals agree; nested messages first). */
export function renderMessage(ref: MessageRef): string {
  const key = ref.key as Parameters<typeof english>[0];
  if (!english.has(key)) return ref.key;
  const params = ref.params && Object.fromEntries(Object.entries(ref.params).map(([k, v]) => [k, paramText(v)]));
  return english(key, params);
}

function paramText(v: MessageParam): string | number {
  return typeof v === "object" ? renderMessage(v) : v;
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

/** An Error whose text also exists as a message (in the "findings" namespace), for readers of other languages. */
export function codedError(message: string, key: string, params: Record<string, string>): Error {
  return Object.assign(new Error(message), { ref: { key, params } });
}

const systemCodes: Record<string, string> = {
  ECONNREFUSED: "errors.refused",
  EHOSTUNREACH: "errors.noRoute",
  ENETUNREACH: "errors.noRoute",
  ECONNRESET: "errors.reset",
  ETIMEDOUT: "errors.timeoutShort",
};

/**
 * What went wrong, as a message the page translates: the DNS client's and the
 * lookups' errors carry what it needs; any other error keeps its own (English) text.
 */
export function errorRef(e: unknown): MessageRef {
  const err = e as { ref?: MessageRef; code?: string; server?: string; sysCode?: string };
  if (err && typeof err === "object") {
    if (err.ref) return err.ref;
    if (err.code === "timeout" && err.server) return { key: "errors.timeout", params: { server: err.server } };
    if (err.code === "malformed") return { key: "errors.malformed" };
    if (err.code === "network" && err.server) {
      const what = err.sysCode && systemCodes[err.sysCode];
      return what
        ? { key: "errors.at", params: { server: err.server, what: { key: what } } }
        : { key: "errors.other", params: { detail: errorMessage(e) } };
    }
  }
  return { key: "errors.other", params: { detail: errorMessage(e) } };
}
