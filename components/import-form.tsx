"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState, type FormEvent } from "react";
import { importSetup } from "@/app/import-action";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { MAX_IMPORT_BYTES } from "@/lib/setup/import-limit";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function ImportForm() {
  const t = useTranslations("home");
  const te = useTranslations("errors");
  const [serverState, action, pending] = useActionState(importSetup, initialFormState);
  // A file too large for the server is refused here, before it is sent (same limit and message).
  const [local, setLocal] = useState<FormState | null>(null);
  const state = local ?? serverState;
  function checkSize(e: FormEvent<HTMLFormElement>) {
    const file = new FormData(e.currentTarget).get("file");
    if (file instanceof File && file.size > MAX_IMPORT_BYTES) {
      e.preventDefault();
      setLocal({ message: "importTooLarge", params: { max: MAX_IMPORT_BYTES / 1024 } });
    } else setLocal(null);
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
