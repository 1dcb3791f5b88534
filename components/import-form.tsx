"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState, type FormEvent } from "react";
import { importSetup } from "@/app/import-action";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { MAX_IMPORT_BYTES } from "@/lib/setup/import-limit";
import { useText } from "@/lib/i18n/use-text";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function ImportForm() {
  const t = useTranslations("home");
  const show = useText();
  const [serverState, action, pending] = useActionState(importSetup, initialFormState);
  // A file too large for the server is refused here, before it is sent (same limit and message).
  const [tooLarge, setTooLarge] = useState(false);
  const state: FormState = tooLarge ? {} : serverState;
  function checkSize(e: FormEvent<HTMLFormElement>) {
    const file = new FormData(e.currentTarget).get("file");
    const refused = file instanceof File && file.size > MAX_IMPORT_BYTES;
    if (refused) e.preventDefault();
    setTooLarge(refused);
  }
  const issues = Object.entries(state.errors ?? {});
  return (
    <form action={action} onSubmit={checkSize} className="space-y-3">
      <p className="help">{t("importHelp")}</p>
      <div>
        <label htmlFor="import-file" className="label">
          {t("importFile")}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept="application/json,.json"
          className="mt-1 block w-full text-sm"
          aria-describedby="import-result"
        />
      </div>
      <div id="import-result" aria-live="polite">
        {tooLarge ? (
          <p role="alert" aria-live="polite" className="text-sm font-medium text-red-700">
            {t("importTooLarge", { max: MAX_IMPORT_BYTES / 1024 })}
          </p>
        ) : (
          <FormMessage state={state} />
        )}
        {issues.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-sm text-red-700">
            {issues.map(([path, keys]) => (
              <li key={path}>
                <code>{path || "—"}</code>: {keys.map(show).join(" ")}
              </li>
            ))}
          </ul>
        )}
      </div>
      <SubmitButton pending={pending} pendingLabel={t("importing")} className="btn-secondary">
        {t("import")}
      </SubmitButton>
    </form>
  );
}
