"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { importSetup } from "@/app/import-action";
import { initialFormState } from "@/lib/forms/form-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function ImportForm() {
  const t = useTranslations("home");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState(importSetup, initialFormState);
  const issues = Object.entries(state.errors ?? {});
  return (
    <form action={action} className="space-y-3">
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
        <FormMessage state={state} namespace="home" />
        {issues.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-sm text-red-700">
            {issues.map(([path, keys]) => (
              <li key={path}>
                <code>{path || "—"}</code>: {keys.map((k) => (te.has(k) ? te(k) : k)).join(" ")}
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
