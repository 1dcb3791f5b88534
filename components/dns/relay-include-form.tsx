"use client";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** The form's words, translated by the page: only a setup in relay mode shows the form, and only it gets them. */
export interface RelayIncludeText {
  label: string;
  help: string;
  save: string;
  saving: string;
}

/** In relay mode: the provider's SPF include domain, which the SPF record then names. */
export function RelayIncludeForm({
  text,
  current,
  version,
  action,
}: {
  text: RelayIncludeText;
  current?: string;
  version: number;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shownVersion = (state.values?.version as number | undefined) ?? version;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="version" value={shownVersion} />
      <Field
        name="spfInclude"
        label={text.label}
        help={text.help}
        defaultValue={(state.values?.spfInclude as string | undefined) ?? current ?? ""}
        errors={state.errors?.spfInclude}
        placeholder="spf.provider.example"
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton pending={pending} pendingLabel={text.saving} className="btn-secondary">
        {text.save}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
