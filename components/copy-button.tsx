"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";

/**
 * Copies `value`, or the text of the element whose id is `from` (a text the
 * page already shows, so it is not sent twice), to the clipboard and says so
 * (to screen readers too). When the browser refuses (no secure context,
 * permission denied), the text is shown in a field of its own, selected, with
 * how to copy it: the table around it keeps its width. Until then it is one
 * button: the DNS step shows dozens.
 */
export function CopyButton({ value, from, label }: { value?: string; from?: string; label?: string }) {
  const t = useTranslations("common");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const [byHand, setByHand] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const hint = useId();
  async function copy() {
    const text = value ?? (from && document.getElementById(from)?.textContent) ?? "";
    try {
      if (!navigator.clipboard) throw new Error("no clipboard API here");
      await navigator.clipboard.writeText(text);
      setState("copied");
      setTimeout(() => setState("idle"), 2500);
    } catch {
      setByHand(text);
      setState("failed");
    }
  }
  useEffect(() => {
    if (state === "failed") field.current?.select();
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="btn-copy"
        onClick={copy}
        aria-label={label ? `${t("copy")}: ${label}` : t("copy")}
      >
        {state === "copied" ? t("copied") : t("copy")}
      </button>
      {state === "failed" && (
        <>
          <input
            ref={field}
            readOnly
            value={byHand}
            aria-label={label ? `${t("copyByHand")}: ${label}` : t("copyByHand")}
            aria-describedby={hint}
            onFocus={(e) => e.currentTarget.select()}
            className="input w-full max-w-xs font-mono text-xs"
          />
          <span id={hint} role="status" className="copy-hint">
            {t("copyByHandHint")}
          </span>
        </>
      )}
    </span>
  );
}
