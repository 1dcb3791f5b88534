"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setAdminPassword } from "@/app/setup/[token]/actions";
import { MAX_ADMIN_PASSWORD, MIN_ADMIN_PASSWORD } from "@/lib/auth/policy";
import { initialFormState } from "@/lib/forms/form-state";
import { useText } from "@/lib/i18n/use-text";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function AdminPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const show = useText();
  const [state, action, pending] = useActionState(setAdminPassword, initialFormState);
  const err = (f: string) => state.errors?.[f]?.map(show).join(" ") ?? "";
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      {(["password", "confirm"] as const).map((f) => (
        <div key={f}>
          <label htmlFor={f} className="label">
            {f === "password" ? t("newPassword") : t("confirmPassword")}
          </label>
          <input
            id={f}
            name={f}
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_ADMIN_PASSWORD}
            className="input mt-1"
            aria-invalid={!!state.errors?.[f]}
            aria-describedby={`${f}-error`}
          />
          <p id={`${f}-error`} className="field-error" aria-live="polite">
            {err(f)}
          </p>
        </div>
      ))}
      <p className="help">{t("passwordTooShort", { min: MIN_ADMIN_PASSWORD })}</p>
      <SubmitButton pending={pending} pendingLabel={t("setPassword")}>
        {t("setPassword")}
      </SubmitButton>
    </form>
  );
}
