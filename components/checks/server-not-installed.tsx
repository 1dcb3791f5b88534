"use client";
import { useTranslations } from "next-intl";
import { useText } from "@/lib/i18n/use-text";
import { useActionState, useRef } from "react";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/**
 * "My mail server is not installed yet": a fact stored for the setup. While it
 * holds and nothing answers on the mail ports, the mail server's TLS check is
 * skipped and says why; once the server answers it is checked, and the fact cleared.
 */
export function ServerNotInstalled({
  action,
  notInstalled,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  notInstalled: boolean;
}) {
  const t = useTranslations("checks");
  const show = useText();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={formAction} className="card space-y-1" aria-busy={pending}>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="notInstalled"
          defaultChecked={notInstalled}
          key={String(notInstalled)}
          onChange={() => form.current?.requestSubmit()}
          className="mt-1 size-4"
          aria-describedby="server-not-installed-help"
        />
        <span>
          <span className="font-medium">{t("notInstalled")}</span>
          <span id="server-not-installed-help" className="help block">
            {t("notInstalledHelp")}
          </span>
        </span>
      </label>
      <noscript>
        <button className="btn-secondary">{t("notInstalledSave")}</button>
      </noscript>
      <p role="status" aria-live="polite" className="text-sm text-green-800">
        {show(state.message)}
      </p>
    </form>
  );
}
