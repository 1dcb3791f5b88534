"use client";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/copy-button";

/** One PTR record to ask the ISP for: the address, its reverse name (no final dot) and the host name it should give. */
export interface PtrRow {
  address: string;
  name: string;
  value: string;
}

/** PTR records, apart: the ISP sets them, so this block gives a message to send. */
export function PtrRequest({
  records,
  hostname,
  forwardSeen,
}: {
  records: PtrRow[];
  hostname: string;
  /** The latest check run saw the host name point to every address (its A/AAAA checks passed): the message may say so. */
  forwardSeen: boolean;
}) {
  const t = useTranslations("dns");
  if (!records.length) return null;
  const lines = records.map((r) => `${r.address} → ${hostname}   (${r.name}. PTR ${r.value})`).join("\n");
  const message = t("ptrMessage", { lines, host: hostname, confirmed: forwardSeen ? "yes" : "no" });
  return (
    <section className="card space-y-3" aria-labelledby="ptr-title">
      <h3 id="ptr-title" className="text-lg font-bold">
        {t("ptrTitle")}
      </h3>
      <p className="text-slate-700">{t("ptrIntro")}</p>
      <ul className="space-y-1 text-sm">
        {records.map((r) => (
          <li key={r.name} className="break-all">
            <code>{r.address}</code> → <code>{r.value}</code>{" "}
            <span className="text-xs text-slate-600">({r.name}.)</span>
          </li>
        ))}
      </ul>
      <div>
        <div className="flex items-center justify-between gap-2">
          <p className="label">{t("ptrMessageLabel")}</p>
          <CopyButton from="ptr-message" label={t("copyPtrMessage")} />
        </div>
        <pre id="ptr-message" className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm">
          {message}
        </pre>
      </div>
    </section>
  );
}
