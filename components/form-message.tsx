"use client";
import type { FormState } from "@/lib/forms/form-state";
import { useText } from "@/lib/i18n/use-text";

/** The form-level message of an action's result, announced when it changes. */
export function FormMessage({ state }: { state: FormState }) {
  const show = useText();
  return (
    <p
      role={state.ok ? "status" : "alert"}
      aria-live="polite"
      className={state.ok ? "text-sm font-medium text-green-800" : "text-sm font-medium text-red-700"}
    >
      {show(state.message)}
    </p>
  );
}
