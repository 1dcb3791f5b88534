import { getTranslations } from "next-intl/server";
import type { DnsRecord } from "@/lib/dns/record";
import { relativeHost } from "@/lib/dns/relative-host";
import { TXT_CHUNK_BYTES, utf8Length } from "@/lib/dns/txt-chunks";
import { RecordTableView, type RecordRow } from "./record-table-view";

/** The registrar records, translated here and handed to the table as data (see RecordTableView). */
export async function RecordTable({ records, origin }: { records: DnsRecord[]; origin: string }) {
  const t = await getTranslations("dns");
  const rows = records.map((r): RecordRow => {
    const host = relativeHost(r.name, origin);
    const shownHost = host ?? `${r.name}.`;
    const bytes = r.type === "TXT" ? utf8Length(r.value) : 0;
    const where = { host: shownHost, type: r.type };
    return {
      name: r.name,
      host,
      type: r.type,
      ttl: r.ttl,
      value: r.value,
      level: r.level,
      purpose: r.purpose,
      say: {
        copyHost: t("copyHost", { host: shownHost }),
        copyValue: t("copyValue", where),
        // Absent rather than undefined: the React payload would carry "$undefined" for each row.
        ...(host === null && { otherZone: t("otherZone", { name: r.name }) }),
        ...(bytes > TXT_CHUNK_BYTES && { chunksNote: t("oneString", { bytes }), copyChunks: t("copyChunks", where) }),
      },
    };
  });
  const purposes = Object.fromEntries(records.map((r) => [r.purpose, t(`purposes.${r.purpose}`)]));
  const text = {
    caption: t("tableCaption"),
    host: t("host"),
    type: t("type"),
    ttl: t("ttl"),
    value: t("value"),
    fullName: t("fullName"),
    asChunks: t("asChunks"),
    levels: { required: t("levels.required"), recommended: t("levels.recommended"), optional: t("levels.optional") },
    purposes,
  };
  // The sentences first: in the React payload they then lie closer to the HTML's copy, which gzip can point back to.
  return <RecordTableView text={text} rows={rows} />;
}
