"use client";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import type { RecordLevel } from "@/lib/dns/record";
import { quotedChunks } from "@/lib/dns/txt-chunks";

/** One registrar record as the table shows it, its sentences already translated (see RecordTable). */
export interface RecordRow {
  /** The absolute name, without the trailing dot. */
  name: string;
  /** Relative to the zone ("@" for the apex); null when the name lies in another zone. */
  host: string | null;
  type: string;
  ttl: number;
  value: string;
  level: RecordLevel;
  /** What the record is for: the key of its explanation in `RecordTableText.purposes`. */
  purpose: string;
  /** The copy buttons' labels; for a TXT value longer than 255 bytes, the note and copy label of its quoted pieces. */
  say: { copyHost: string; copyValue: string; otherZone?: string; chunksNote?: string; copyChunks?: string };
}

export interface RecordTableText {
  caption: string;
  host: string;
  type: string;
  ttl: string;
  value: string;
  fullName: string;
  asChunks: string;
  levels: Record<RecordLevel, string>;
  purposes: Record<string, string>;
}

/**
 * The registrar records: a table on wide screens, one block per record on phones
 * (styles: `.records` in app/globals.css). A client component so that the page's
 * React payload carries these rows as data, not as rendered markup.
 */
export function RecordTableView({ rows, text }: { rows: RecordRow[]; text: RecordTableText }) {
  const label = (l: string) => <span className="rec-label">{l}</span>;
  return (
    <table className="records">
      <caption className="sr-only">{text.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{text.host}</th>
          <th scope="col">{text.type}</th>
          <th scope="col">{text.ttl}</th>
          <th scope="col">{text.value}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.name}-${r.type}-${i}`} data-purpose={r.purpose}>
            <td>
              {label(text.host)}
              <span className="rec-host">
                <code>{r.host ?? `${r.name}.`}</code>
                <CopyButton value={r.host ?? r.name} label={r.say.copyHost} />
              </span>
              <span className="rec-full">
                <span className="sr-only md:not-sr-only">{`${text.fullName}: `}</span>
                {`${r.name}.`}
              </span>
              {r.say.otherZone && <span className="rec-other">{r.say.otherZone}</span>}
            </td>
            <td>
              {label(text.type)}
              <code>{r.type}</code>
              <span className={`level level-${r.level}`}>{text.levels[r.level]}</span>
            </td>
            <td>
              {label(text.ttl)}
              {r.ttl}
            </td>
            <td>
              {label(text.value)}
              <span className="rec-value">
                <code>{r.value}</code>
                <CopyButton value={r.value} label={r.say.copyValue} />
              </span>
              {r.say.chunksNote && (
                <QuotedChunks value={r.value} summary={text.asChunks} note={r.say.chunksNote} copy={r.say.copyChunks} />
              )}
              <p className="rec-why">{text.purposes[r.purpose]}</p>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A long TXT value as quoted ≤255-byte pieces, made when the user opens it (few need it). */
function QuotedChunks({ value, summary, note, copy }: { value: string; summary: string; note: string; copy?: string }) {
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
