"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * Copies `value` to the clipboard and says so (to screen readers too). When the
 * browser refuses (no secure context, permission denied), the value is shown in
 * a field of its own, selected, with how to copy it: the table around it keeps
 * its width.
 */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useTranslations("common");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const field = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard API here");
      await navigator.clipboard.writeText(value);
      setState("copied");
      setTimeout(() => setState("idle"), 2500);
    } catch {
      setState("failed");
    }
  }
  useEffect(() => {
    if (state === "failed") field.current?.select();
  }, [state]);
  return (
    <span className="inline-flex max-w-full flex-col items-start gap-1">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        onClick={copy}
        aria-label={label ? `${t("copy")}: ${label}` : t("copy")}
      >
        {state === "copied" ? t("copied") : t("copy")}
      </button>
      {state === "failed" && (
        <input
          ref={field}
          readOnly
          value={value}
          aria-label={label ? `${t("copyByHand")}: ${label}` : t("copyByHand")}
          onFocus={(e) => e.currentTarget.select()}
          className="input w-full max-w-xs font-mono text-xs"
        />
      )}
      <span role="status" aria-live="polite" className="max-w-xs text-xs text-slate-700">
        {state === "failed" ? t("copyByHandHint") : ""}
      </span>
    </span>
  );
}
