"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** "I have published these records": completes the DNS step (or takes it back). */
export function PublishConfirm({
  done,
  action,
  checksHref,
}: {
  done: boolean;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  checksHref: string;
}) {
  const t = useTranslations("dns");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <section className="card space-y-3" aria-labelledby="publish-title">
      <h3 id="publish-title" className="text-lg font-bold">
        {t("publishTitle")}
      </h3>
      <p className="text-slate-700">{t("publishHelp")}</p>
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="done" value={done ? "0" : "1"} />
        <SubmitButton pending={pending} pendingLabel={t("publishing")} className={done ? "btn-secondary" : "btn"}>
          {done ? t("publishUndo") : t("publishConfirm")}
        </SubmitButton>
        {done && (
          <Link href={checksHref} className="btn">
            {t("nextStep")}
          </Link>
        )}
      </form>
      <FormMessage state={state} />
    </section>
  );
}
