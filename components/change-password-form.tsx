"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePassword } from "@/app/account/actions";
import { MAX_ADMIN_PASSWORD, MIN_ADMIN_PASSWORD } from "@/lib/auth/policy";
import { initialFormState } from "@/lib/forms/form-state";
import { useText } from "@/lib/i18n/use-text";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

const FIELDS = [
  { name: "current", autoComplete: "current-password" },
  { name: "password", autoComplete: "new-password" },
  { name: "confirm", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const show = useText();
  const labels = { current: t("currentPassword"), password: t("newPassword"), confirm: t("confirmPassword") };
  const [state, action, pending] = useActionState(changePassword, initialFormState);
  const err = (f: string) => state.errors?.[f]?.map(show).join(" ") ?? "";
  return (
    <form action={action} className="space-y-4" key={state.ok ? "done" : "editing"}>
      <FormMessage state={state} />
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="label">
            {labels[f.name]}
          </label>
          <input
            id={f.name}
            name={f.name}
            type="password"
            autoComplete={f.autoComplete}
            required
            minLength={f.name === "current" ? undefined : MIN_ADMIN_PASSWORD}
            className="input mt-1"
            aria-invalid={!!state.errors?.[f.name]}
            aria-describedby={`${f.name}-error`}
          />
          <p id={`${f.name}-error`} className="field-error" aria-live="polite">
            {err(f.name)}
          </p>
        </div>
      ))}
      <p className="help">{t("passwordTooShort", { min: MIN_ADMIN_PASSWORD })}</p>
      <SubmitButton pending={pending} pendingLabel={t("changingPassword")}>
        {t("changePassword")}
      </SubmitButton>
    </form>
  );
}
