import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { displayDomain } from "@/lib/setup/derived";
import { steps, type StepId } from "@/lib/setup/steps";
import type { StoredSetup } from "@/lib/setup/store";

export async function SetupList({ setups }: { setups: (StoredSetup & { done: StepId[] })[] }) {
  const t = await getTranslations("home");
  if (setups.length === 0) return <p className="card text-slate-700">{t("empty")}</p>;
  return (
    <ul className="space-y-3">
      {setups.map((s) => {
        const name = displayDomain(s.domain);
        return (
          <li key={s.id} className="card flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <Link href={`/setups/${s.id}`} className="break-all text-lg font-semibold text-brand-700 underline">
                {name}
              </Link>
              <p className="text-sm text-slate-600">{t("stepsDone", { done: s.done.length, total: steps.length })}</p>
            </div>
            <div className="flex flex-wrap gap-2">
              <Link href={`/setups/${s.id}`} className="btn-secondary" aria-label={`${t("open")} ${name}`}>
                {t("open")}
              </Link>
              <a
                href={`/api/setups/${s.id}/export`}
                className="btn-secondary"
                download
                aria-label={`${t("export")} ${name}`}
              >
                {t("export")}
              </a>
              <Link
                href={`/setups/${s.id}/delete`}
                className="btn-secondary text-red-700"
                aria-label={`${t("delete")} ${name}`}
              >
                {t("delete")}
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
