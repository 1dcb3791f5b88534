"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { login } from "@/app/login/actions";
import { initialFormState } from "@/lib/forms/form-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function LoginForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(login, initialFormState);
  const wrong = !!state.errors?.password;
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <div>
        <label htmlFor="password" className="label">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="input mt-1"
          aria-invalid={wrong}
          aria-describedby="password-error"
          autoFocus
        />
        <p id="password-error" className="field-error" aria-live="polite">
          {wrong ? t("wrongPassword") : ""}
        </p>
      </div>
      <SubmitButton pending={pending} pendingLabel={t("loggingIn")}>
        {t("login")}
      </SubmitButton>
    </form>
  );
}
