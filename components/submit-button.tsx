"use client";
import type { ReactNode } from "react";

/** A submit button that says it is working while its form's action runs. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
  className = "btn",
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel: ReactNode;
  className?: string;
}) {
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending}>
      {pending && (
        <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
      )}
      {pending ? pendingLabel : children}
    </button>
  );
}
