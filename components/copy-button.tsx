"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** Copies `value` to the clipboard and says so (to screen readers too). */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const t = useTranslations("common");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        onClick={copy}
        aria-label={label ? `${t("copy")}: ${label}` : t("copy")}
      >
        {state === "copied" ? t("copied") : t("copy")}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-red-700">
        {state === "failed" ? t("copyFailed") : ""}
      </span>
    </span>
  );
}
