"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** In relay mode, the way back: mail leaves from this server on port 25 again. */
export function DirectDeliveryForm({
  action,
  version,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  version: number;
}) {
  const t = useTranslations("network");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="card space-y-3" aria-labelledby="direct-title">
      <input type="hidden" name="version" value={version} />
      <h3 id="direct-title" className="text-lg font-semibold">
        {t("directTitle")}
      </h3>
      <p className="help">{t("directHelp")}</p>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel={t("relaySaving")} className="btn-secondary">
        {t("directSave")}
      </SubmitButton>
    </form>
  );
}
