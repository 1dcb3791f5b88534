"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { CheckResult, CheckStatus } from "@/lib/checks/result";
import { overallVerdict } from "@/lib/checks/overall-verdict";
import { CheckItem } from "./check-item";

interface Props {
  setupId: string;
  ids: string[];
  scope: "all" | "network";
  /** The last stored results, shown until the first run of this visit reports. */
  initial: CheckResult[];
  /** Re-check this long after a run ends, while the page is visible. */
  intervalMs: number;
  /** Shown above the list when outbound port 25 is blocked, or always with `showRelay` (the relay form). */
  whenPort25Blocked?: ReactNode;
  showRelay?: boolean;
  /** A new value runs the checks again at once (a fact they read has changed). */
  runKey?: string;
  /** Open with one overall verdict: mail flows, or what blocks it (the Status page). */
  verdict?: boolean;
  /** When the stored results were made (the one "last run" time until this visit's run ends). */
  lastRunAt?: string;
  /** Shown between the summary and the list. */
  aside?: ReactNode;
}

/** Runs the checks through the streaming route, shows each result as it arrives, and runs them again while the page is open. */
export function ChecksLive({
  setupId,
  ids,
  scope,
  initial,
  intervalMs,
  whenPort25Blocked,
  showRelay,
  runKey,
  verdict,
  lastRunAt,
  aside,
}: Props) {
  const t = useTranslations("checks");
  const format = useFormatter();
  const [results, setResults] = useState<Record<string, CheckResult>>(() =>
    Object.fromEntries(initial.map((r) => [r.id, r])),
  );
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [changes, setChanges] = useState<Record<string, CheckStatus | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [lastRun, setLastRun] = useState<string | null>(lastRunAt ?? null);
  const running = useRef(false);
  const active = useRef<AbortSignal | null>(null);
  const latest = useRef(results);
  latest.current = results;

  const run = useCallback(
    async (signal: AbortSignal) => {
      // One run at a time; a run whose page effect was replaced (aborted) does not hold up the next.
      if (running.current && !active.current?.aborted) return;
      running.current = true;
      active.current = signal;
      setPending(new Set(ids));
      setError(null);
      const before = Object.fromEntries(Object.values(latest.current).map((r) => [r.id, r.status]));
      try {
        const res = await fetch(`/api/setups/${setupId}/checks?scope=${scope}`, { method: "POST", signal });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        const fresh: Record<string, CheckStatus | null> = {};
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let nl;
          while ((nl = buf.indexOf("\n")) >= 0) {
            const event = JSON.parse(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
            if (event.type === "result") {
              const r = event.result as CheckResult;
              setResults((prev) => ({ ...prev, [r.id]: r }));
              setPending((prev) => {
                const next = new Set(prev);
                next.delete(r.id);
                return next;
              });
              if (r.id in before && before[r.id] !== r.status) fresh[r.id] = before[r.id];
              else if (!(r.id in before) && Object.keys(before).length) fresh[r.id] = null;
            } else if (event.type === "done") {
              setLastRun(event.finishedAt);
            } else if (event.type === "error") throw new Error(event.message);
          }
        }
        setChanges(fresh);
      } catch (e) {
        if (!signal.aborted) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (active.current === signal) {
          running.current = false;
          setPending(new Set());
        }
      }
    },
    [setupId, scope, ids],
  );

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      if (document.visibilityState === "visible") await run(controller.signal);
      if (!controller.signal.aborted) timer = setTimeout(loop, intervalMs);
    };
    void loop();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [run, intervalMs, runKey]);

  const counts = (s: CheckStatus) => ids.filter((id) => results[id]?.status === s).length;
  const port25Blocked = results["port25-outbound"]?.status === "fail";
  const overall = verdict ? overallVerdict(ids, results) : undefined;
  return (
    <div className="space-y-4">
      {overall && (
        <p
          data-verdict={overall.kind}
          className={`rounded-md border-l-4 p-3 text-lg font-semibold ${
            overall.kind === "ok"
              ? "border-green-700 bg-green-50 text-green-900"
              : overall.kind === "blocked"
                ? "border-red-700 bg-red-50 text-red-900"
                : "border-slate-400 bg-white text-slate-800"
          }`}
        >
          {overall.kind === "ok"
            ? t("verdict.ok", { warnings: overall.warnings })
            : overall.kind === "blocked"
              ? t("verdict.blocked", {
                  list: format.list(
                    overall.blockers.map((id) => t(`titles.${id}`)),
                    { type: "conjunction" },
                  ),
                })
              : t("verdict.unknown")}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn"
          disabled={pending.size > 0}
          aria-busy={pending.size > 0}
          onClick={() => void run(new AbortController().signal)}
        >
          {pending.size > 0 && (
            <span
              aria-hidden
              className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
            />
          )}
          {pending.size > 0 ? t("running", { done: ids.length - pending.size, total: ids.length }) : t("checkNow")}
        </button>
        <p className="text-sm text-slate-700" role="status" aria-live="polite">
          {t("summary", { pass: counts("pass"), warn: counts("warn"), fail: counts("fail"), error: counts("error") })}
          {lastRun &&
            ` · ${t("lastRun", { time: format.dateTime(new Date(lastRun), { dateStyle: "medium", timeStyle: "short" }) })}`}
          {` · ${t("auto", { seconds: Math.round(intervalMs / 1000) })}`}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {t("runFailed", { error })}
        </p>
      )}
      {aside}
      {(port25Blocked || showRelay) && whenPort25Blocked}
      <ul className="space-y-3">
        {ids.map((id) => (
          <CheckItem
            key={id}
            id={id}
            result={results[id]}
            running={pending.has(id)}
            changedFrom={id in changes ? changes[id] : undefined}
          />
        ))}
      </ul>
    </div>
  );
}
