"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import type { RecordRow } from "@/lib/dns/record-rows";
import { TXT_CHUNK_BYTES, quotedChunks, utf8Length } from "@/lib/dns/txt-chunks";

/**
 * The registrar records: a table on wide screens, one block per record on phones
 * (styles: `.records` in app/globals.css). `purposes`: each record's explanation by purpose,
 * translated by the page for the purposes it has.
 */
export function RecordTableView({
  rows,
  origin,
  purposes,
}: {
  rows: RecordRow[];
  origin: string;
  purposes: Record<string, string>;
}) {
  const t = useTranslations("dns");
  const label = (l: string) => <span className="rec-label">{l}</span>;
  return (
    <table className="records">
      <caption className="sr-only">{t("tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("host")}</th>
          <th scope="col">{t("type")}</th>
          <th scope="col">{t("ttl")}</th>
          <th scope="col">{t("value")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const name = r.name ?? (r.host === "@" ? origin : `${r.host}.${origin}`);
          const shownHost = r.host ?? `${name}.`;
          const where = { host: shownHost, type: r.type };
          const bytes = r.type === "TXT" ? utf8Length(r.value) : 0;
          return (
            <tr key={`${name}-${r.type}-${i}`} data-purpose={r.purpose}>
              <td>
                {label(t("host"))}
                <span className="rec-host">
                  <code>{shownHost}</code>
                  <CopyButton value={r.host ?? name} label={t("copyHost", { host: shownHost })} />
                </span>
                <span className="rec-full">
                  <span className="sr-only md:not-sr-only">{`${t("fullName")}: `}</span>
                  {`${name}.`}
                </span>
                {r.host === null && <span className="rec-other">{t("otherZone", { name })}</span>}
              </td>
              <td>
                {label(t("type"))}
                <code>{r.type}</code>
                <span className={`level level-${r.level}`}>{t(`levels.${r.level}`)}</span>
              </td>
              <td>
                {label(t("ttl"))}
                {r.ttl}
              </td>
              <td>
                {label(t("value"))}
                <span className="rec-value">
                  <code>{r.value}</code>
                  <CopyButton value={r.value} label={t("copyValue", where)} />
                </span>
                {bytes > TXT_CHUNK_BYTES && (
                  <QuotedChunks
                    value={r.value}
                    summary={t("asChunks")}
                    note={t("oneString", { bytes })}
                    copy={t("copyChunks", where)}
                  />
                )}
                <p className="rec-why">{purposes[r.purpose]}</p>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A long TXT value as quoted ≤255-byte pieces, made when the user opens it (few need it). */
function QuotedChunks({ value, summary, note, copy }: { value: string; summary: string; note: string; copy: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-1" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-xs text-brand-700">{summary}</summary>
      {open && (
        <>
          <p className="rec-why">{note}</p>
          <span className="rec-value mt-1">
            <code>{quotedChunks(value)}</code>
            <CopyButton value={quotedChunks(value)} label={copy} />
          </span>
        </>
      )}
    </details>
  );
}
