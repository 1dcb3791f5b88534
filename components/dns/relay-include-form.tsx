"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** In relay mode: the provider's SPF include domain, which the SPF record then names. */
export function RelayIncludeForm({
  relay,
  current,
  version,
  action,
}: {
  relay: string;
  current?: string;
  version: number;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
}) {
  const t = useTranslations("dns");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shownVersion = (state.values?.version as number | undefined) ?? version;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="version" value={shownVersion} />
      <Field
        name="spfInclude"
        label={t("relayIncludeLabel", { relay })}
        help={t("relayIncludeHelp")}
        defaultValue={(state.values?.spfInclude as string | undefined) ?? current ?? ""}
        errors={state.errors?.spfInclude}
        placeholder="spf.provider.example"
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton pending={pending} pendingLabel={t("publishing")} className="btn-secondary">
        {t("relayIncludeSave")}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
