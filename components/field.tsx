"use client";
import { useTranslations } from "next-intl";
import type { InputHTMLAttributes, ReactNode } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  /** message keys from the "errors" namespace */
  errors?: string[];
}

/** A labelled input whose errors are announced (aria-live) and tied to it (aria-describedby). */
export function Field({ name, label, help, errors, id, className, ...input }: FieldProps) {
  const t = useTranslations("errors");
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
        {errors?.map((k) => (t.has(k) ? t(k) : k)).join(" ")}
      </p>
    </div>
  );
}
