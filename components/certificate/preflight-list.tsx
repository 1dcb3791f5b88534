"use client";
import { useTranslations } from "next-intl";
import type { PreflightItem } from "@/lib/acme/preflight";
import { messageText } from "@/components/checks/message-text";

const MARK = { pass: "✓", warn: "!", fail: "✗" } as const;
const TONE = { pass: "text-green-800", warn: "text-amber-800", fail: "text-red-700" } as const;

/** The preflight's findings (CAA, names, port 80), each with what to do when it is not a pass. */
export function PreflightList({ items }: { items: PreflightItem[] }) {
  const t = useTranslations("certificate.preflight");
  return (
    <ul className="space-y-2">
      {items.map((i) => (
        <li key={`${i.id}-${i.name}`} className="flex gap-2 text-sm">
          <span aria-hidden className={`font-bold ${TONE[i.status]}`}>
            {MARK[i.status]}
          </span>
          <span>
            <span className="sr-only">{t(`status.${i.status}`)}: </span>
            <span className={TONE[i.status]}>{messageText(t, i.summaryRef) ?? i.summary}</span>
            {messageText(t, i.fixRef) && <span className="block text-slate-700">{messageText(t, i.fixRef)}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
