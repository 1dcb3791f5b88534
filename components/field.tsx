"use client";
import type { InputHTMLAttributes, ReactNode } from "react";
import type { Text } from "@/lib/forms/form-state";
import { useText } from "@/lib/i18n/use-text";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  /** what is wrong with the value, translated on the server */
  errors?: readonly Text[];
}

/** A labelled input whose errors are announced (aria-live) and tied to it (aria-describedby). */
export function Field({ name, label, help, errors, id, className, ...input }: FieldProps) {
  const show = useText();
  const fieldId = id ?? `f-${name.replace(/\./g, "-")}`;
  const helpId = help ? `${fieldId}-help` : undefined;
  const errorId = `${fieldId}-error`;
  const invalid = !!errors?.length;
  return (
    <div className={className}>
      <label htmlFor={fieldId} className="label">
        {label}
      </label>
      <input
        id={fieldId}
        name={name}
        className="input mt-1"
        aria-invalid={invalid}
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ")}
        {...input}
      />
      {help && (
        <p id={helpId} className="help">
          {help}
        </p>
      )}
      <p id={errorId} className="field-error" aria-live="polite">
        {errors?.map(show).join(" ")}
      </p>
    </div>
  );
}
