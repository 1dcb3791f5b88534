"use client";
import { useTranslations } from "next-intl";
import type { CheckResult, CheckStatus } from "@/lib/checks/result";

const badge: Record<CheckStatus | "running", string> = {
  pass: "bg-green-100 text-green-900 ring-green-700",
  warn: "bg-amber-100 text-amber-900 ring-amber-700",
  fail: "bg-red-100 text-red-900 ring-red-700",
  error: "bg-slate-200 text-slate-900 ring-slate-700",
  skip: "bg-slate-100 text-slate-700 ring-slate-400",
  running: "bg-white text-slate-700 ring-slate-300",
};
const icon: Record<CheckStatus | "running", string> = {
  pass: "✓",
  warn: "!",
  fail: "✗",
  error: "?",
  skip: "–",
  running: "…",
};

/** One check (its texts already in the reader's language, see lib/checks/localize.ts): status (word and symbol, not colour alone), summary, fix, what changed, and what was asked of whom. */
export function CheckItem({
  id,
  result,
  running,
  changedFrom,
}: {
  id: string;
  result?: CheckResult;
  running: boolean;
  changedFrom?: CheckStatus | null;
}) {
  const t = useTranslations("checks");
  const status = result?.status ?? "running";
  return (
    <li className="card space-y-2" data-check={id} data-status={status} aria-busy={running}>
      <div className="flex flex-wrap items-start gap-3">
        <span
          className={`inline-flex min-w-20 items-center justify-center gap-1 rounded px-2 py-0.5 text-sm font-semibold ring-1 ${badge[status]}`}
        >
          <span aria-hidden>{icon[status]}</span>
          {t(`status.${status}`)}
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold">
            {t(`titles.${id}`)}
            {running && <span className="ml-2 text-sm font-normal text-slate-600">{t("rechecking")}</span>}
            {changedFrom !== undefined && result && (
              <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-900 ring-1 ring-brand-700/30">
                {changedFrom ? t("changedFrom", { from: t(`status.${changedFrom}`) }) : t("new")}
              </span>
            )}
          </h3>
          {result && <p className="break-words text-slate-800">{result.summary}</p>}
          {result?.fix && (
            <p className="mt-1 break-words text-sm text-slate-700">
              <span className="font-medium">{t("fix")}</span> {result.fix}
            </p>
          )}
        </div>
      </div>
      {result && result.details.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 underline">{t("details")}</summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left">
              <thead>
                <tr className="text-slate-600">
                  <th className="pr-3 font-medium">{t("source")}</th>
                  <th className="pr-3 font-medium">{t("query")}</th>
                  <th className="pr-3 font-medium">{t("answer")}</th>
                  <th className="font-medium">{t("status.label")}</th>
                </tr>
              </thead>
              <tbody>
                {result.details.map((d, i) => (
                  <tr key={i} className="align-top">
                    <td className="break-all pr-3">{d.source ?? ""}</td>
                    <td className="break-all pr-3">{d.query ?? ""}</td>
                    <td className="break-all pr-3 font-mono text-xs">
                      {(d.answer ?? []).join("\n") || d.note || "—"}
                      {d.ttl !== undefined && d.status !== "pass" && (
                        <span className="block font-sans text-amber-800">{t("ttlLeft", { ttl: d.ttl })}</span>
                      )}
                    </td>
                    <td>{d.status ? t(`status.${d.status}`) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </li>
  );
}
