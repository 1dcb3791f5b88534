"use client";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/forms/form-state";

/** The form-level message of an action's result, announced when it changes. */
export function FormMessage({ state, namespace }: { state: FormState; namespace: string }) {
  const t = useTranslations(namespace);
  const m = state.message;
  const text = !m ? "" : t.has(m) ? t(m, state.params) : m;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      aria-live="polite"
      className={state.ok ? "text-sm font-medium text-green-800" : "text-sm font-medium text-red-700"}
    >
      {text}
    </p>
  );
}
