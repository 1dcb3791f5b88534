"use client";
import { useTranslations } from "next-intl";
import type { PreflightLine } from "@/lib/acme/preflight-lines";

const MARK = { pass: "✓", warn: "!", fail: "✗" } as const;
const TONE = { pass: "text-green-800", warn: "text-amber-800", fail: "text-red-700" } as const;

/** The preflight's findings (CAA, names, port 80), each with what to do when it is not a pass. */
export function PreflightList({ lines }: { lines: readonly PreflightLine[] }) {
  const t = useTranslations("certificate.preflight");
  return (
    <ul className="space-y-2">
      {lines.map((i) => (
        <li key={i.key} className="flex gap-2 text-sm">
          <span aria-hidden className={`font-bold ${TONE[i.status]}`}>
            {MARK[i.status]}
          </span>
          <span>
            <span className="sr-only">{t(`status.${i.status}`)}: </span>
            <span className={TONE[i.status]}>{i.summary}</span>
            {i.fix && <span className="block text-slate-700">{i.fix}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
