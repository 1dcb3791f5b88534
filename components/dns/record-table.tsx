import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import type { DnsRecord } from "@/lib/dns/record";
import { relativeHost } from "@/lib/dns/relative-host";
import { quotedChunks, TXT_CHUNK_BYTES } from "@/lib/dns/txt-chunks";

const levelStyle = {
  required: "bg-red-50 text-red-800 ring-red-200",
  recommended: "bg-amber-50 text-amber-900 ring-amber-200",
  optional: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

/** The registrar records: a table on wide screens, one block per record on phones. */
export async function RecordTable({ records, origin }: { records: DnsRecord[]; origin: string }) {
  const t = await getTranslations("dns");
  const cell = "block px-0 py-1 align-top md:table-cell md:px-2 md:py-2";
  const label = "mr-2 font-medium text-slate-600 md:hidden";
  return (
    <table className="block w-full text-sm md:table">
      <caption className="sr-only">{t("tableCaption")}</caption>
      <thead className="hidden md:table-header-group">
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="px-2 py-2">
            {t("host")}
          </th>
          <th scope="col" className="px-2 py-2">
            {t("type")}
          </th>
          <th scope="col" className="px-2 py-2">
            {t("ttl")}
          </th>
          <th scope="col" className="px-2 py-2">
            {t("value")}
          </th>
        </tr>
      </thead>
      <tbody className="block md:table-row-group">
        {records.map((r, i) => {
          const host = relativeHost(r.name, origin);
          const shownHost = host ?? `${r.name}.`;
          const long = r.type === "TXT" && Buffer.byteLength(r.value) > TXT_CHUNK_BYTES;
          return (
            <tr
              key={`${r.name}-${r.type}-${i}`}
              className="block border-b border-slate-200 py-3 md:table-row md:py-0"
              data-purpose={r.purpose}
            >
              <td className={cell}>
                <span className={label}>{t("host")}</span>
                <span className="inline-flex flex-wrap items-center gap-2">
                  <code className="break-all font-semibold">{shownHost}</code>
                  <CopyButton value={host ?? r.name} label={t("copyHost", { host: shownHost })} />
                </span>
                <span className="block break-all text-xs text-slate-600">
                  <span className="sr-only md:not-sr-only">{t("fullName")}: </span>
                  {r.name}.
                </span>
                {host === null && (
                  <span className="block text-xs font-medium text-amber-900">{t("otherZone", { name: r.name })}</span>
                )}
              </td>
              <td className={cell}>
                <span className={label}>{t("type")}</span>
                <code>{r.type}</code>
                <span
                  className={`ml-2 inline-block rounded px-1.5 py-0.5 text-xs ring-1 md:ml-0 md:mt-1 md:block md:w-fit ${levelStyle[r.level]}`}
                >
                  {t(`levels.${r.level}`)}
                </span>
              </td>
              <td className={cell}>
                <span className={label}>{t("ttl")}</span>
                {r.ttl}
              </td>
              <td className={`${cell} md:max-w-xl`}>
                <span className={label}>{t("value")}</span>
                <span className="flex items-start gap-2">
                  <code className="min-w-0 flex-1 break-all rounded bg-slate-50 px-1">{r.value}</code>
                  <CopyButton value={r.value} label={t("copyValue", { host: shownHost, type: r.type })} />
                </span>
                {long && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("asChunks")}</summary>
                    <p className="text-xs text-slate-600">{t("oneString", { bytes: Buffer.byteLength(r.value) })}</p>
                    <span className="mt-1 flex items-start gap-2">
                      <code className="min-w-0 flex-1 break-all rounded bg-slate-50 px-1">{quotedChunks(r.value)}</code>
                      <CopyButton
                        value={quotedChunks(r.value)}
                        label={t("copyChunks", { host: shownHost, type: r.type })}
                      />
                    </span>
                  </details>
                )}
                <p className="mt-1 text-xs text-slate-600">{t(`purposes.${r.purpose}`)}</p>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
