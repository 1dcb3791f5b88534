"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { SubmitButton } from "./submit-button";

export function DeleteSetupForm({
  action,
  domain,
}: {
  action: (p: FormState, f: FormData) => Promise<FormState>;
  domain: string;
}) {
  const t = useTranslations("home");
  const tc = useTranslations("common");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const wrong = !!state.errors?.confirm;
  return (
    <form action={formAction} className="card max-w-xl space-y-4 border-red-300">
      <h2 className="text-xl font-bold text-red-800">{t("deleteTitle", { domain })}</h2>
      <p>{t("deleteWarning")}</p>
      <div>
        <label htmlFor="confirm" className="label">
          {t("deleteConfirmLabel")} (<code>{domain}</code>)
        </label>
        <input
          id="confirm"
          name="confirm"
          className="input mt-1"
          autoComplete="off"
          aria-invalid={wrong}
          aria-describedby="confirm-error"
        />
        <p id="confirm-error" className="field-error" aria-live="polite">
          {wrong ? t("deleteMismatch", { domain }) : ""}
        </p>
      </div>
      <div className="flex gap-3">
        <SubmitButton pending={pending} pendingLabel={t("deleteConfirm")} className="btn-danger">
          {t("deleteConfirm")}
        </SubmitButton>
        <Link href="/" className="btn-secondary">
          {tc("cancel")}
        </Link>
      </div>
    </form>
  );
}
