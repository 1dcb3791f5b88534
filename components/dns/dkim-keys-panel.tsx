"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
export interface DkimKeyRow {
  selector: string;
  algorithm: string;
  status: "active" | "retiring" | "retired";
}

/** The setup's DKIM keys with the rotate and retire actions. */
export function DkimKeysPanel({
  keys,
  retirable,
  rotate,
  retire,
}: {
  keys: DkimKeyRow[];
  retirable: string[];
  rotate: Action;
  retire: Action;
}) {
  const t = useTranslations("dns");
  const [rotated, rotateAction, rotating] = useActionState(rotate, initialFormState);
  const [retired, retireAction, retiring] = useActionState(retire, initialFormState);
  return (
    <section className="card space-y-3" aria-labelledby="dkim-title">
      <h3 id="dkim-title" className="text-lg font-bold">
        {t("dkimTitle")}
      </h3>
      <p className="text-slate-700">{t("dkimIntro")}</p>
      <ul className="divide-y divide-slate-200 text-sm">
        {keys.map((k) => (
          <li key={`${k.selector}-${k.algorithm}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
            <span>
              <span className="text-slate-600">{t("selector")}: </span>
              <code className="font-semibold">{k.selector}</code>
            </span>
            <span>
              <span className="text-slate-600">{t("algorithm")}: </span>
              {k.algorithm}
            </span>
            <span className={k.status === "active" ? "text-green-800" : "text-amber-900"}>
              {t(`statuses.${k.status}`)}
            </span>
          </li>
        ))}
      </ul>
      <form action={rotateAction} className="space-y-2">
        <p className="help">{t("rotateHelp")}</p>
        <SubmitButton pending={rotating} pendingLabel={t("rotating")} className="btn-secondary">
          {t("rotate")}
        </SubmitButton>
        <FormMessage state={rotated} />
      </form>
      {retirable.length > 0 && (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            {retirable.map((s) => (
              <form key={s} action={retireAction}>
                <input type="hidden" name="selector" value={s} />
                <SubmitButton pending={retiring} pendingLabel={t("retiringNow")} className="btn-secondary">
                  {t("retire", { selector: s })}
                </SubmitButton>
              </form>
            ))}
          </div>
          <FormMessage state={retired} />
        </div>
      )}
      {retirable.length === 0 && retired.message && <FormMessage state={retired} />}
    </section>
  );
}
