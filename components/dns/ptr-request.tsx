import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import type { DnsRecord } from "@/lib/dns/record";

/** PTR records, apart: the ISP sets them, so this block gives a message to send. */
export async function PtrRequest({
  records,
  hostname,
  addresses,
  forwardSeen,
}: {
  records: DnsRecord[];
  hostname: string;
  addresses: string[];
  /** The latest check run saw the host name point to every address (its A/AAAA checks passed): the message may say so. */
  forwardSeen: boolean;
}) {
  if (!records.length) return null;
  const t = await getTranslations("dns");
  const lines = records.map((r, i) => `${addresses[i]} → ${hostname}   (${r.name}. PTR ${r.value})`).join("\n");
  const message = t("ptrMessage", { lines, host: hostname, confirmed: forwardSeen ? "yes" : "no" });
  return (
    <section className="card space-y-3" aria-labelledby="ptr-title">
      <h3 id="ptr-title" className="text-lg font-bold">
        {t("ptrTitle")}
      </h3>
      <p className="text-slate-700">{t("ptrIntro")}</p>
      <ul className="space-y-1 text-sm">
        {records.map((r, i) => (
          <li key={r.name} className="break-all">
            <code>{addresses[i]}</code> → <code>{r.value}</code>{" "}
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
