import { getFormatter, getTranslations } from "next-intl/server";
import type { StatusChange } from "@/lib/checks/changes-since";

/** When the checks run next, and each status change of the recent runs (the last run's time is the checks' own). */
export async function RunHistory({
  nextAt,
  changes,
}: {
  nextAt: Date | null;
  changes: (StatusChange & { at: Date })[];
}) {
  const t = await getTranslations("status");
  const tc = await getTranslations("checks");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="card space-y-2">
      <p className="text-sm text-slate-600">{nextAt ? t("nextScheduled", { time: when(nextAt) }) : t("scheduleOff")}</p>
      <h3 className="pt-2 font-semibold">{t("changesTitle")}</h3>
      {changes.length ? (
        <ul className="list-disc pl-5 text-sm">
          {changes.map((c) => (
            <li key={`${c.id}-${c.at.toISOString()}`}>
              <time dateTime={c.at.toISOString()} className="text-slate-600">
                {when(c.at)}
              </time>{" "}
              {t("change", {
                check: tc.has(`titles.${c.id}`) ? tc(`titles.${c.id}`) : c.id,
                from: c.from ? tc(`status.${c.from}`) : t("newCheck"),
                to: tc(`status.${c.to}`),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("noChanges")}</p>
      )}
    </div>
  );
}
