"use client";
import { CopyButton } from "@/components/copy-button";
import type { RecordLevel } from "@/lib/dns/record";

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
  /** The copy buttons' labels, and for a long TXT value its quoted ≤255-byte pieces with their note. */
  say: { copyHost: string; copyValue: string; otherZone?: string };
  chunks?: { text: string; note: string; copy: string };
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
        {rows.map((r, i) => {
          const shownHost = r.host ?? `${r.name}.`;
          return (
            <tr key={`${r.name}-${r.type}-${i}`} data-purpose={r.purpose}>
              <td>
                {label(text.host)}
                <span className="rec-copy">
                  <code className="break-all font-semibold">{shownHost}</code>
                  <CopyButton value={r.host ?? r.name} label={r.say.copyHost} />
                </span>
                <span className="rec-note block break-all">
                  <span className="sr-only md:not-sr-only">{text.fullName}: </span>
                  {r.name}.
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
                {r.chunks && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{text.asChunks}</summary>
                    <p className="rec-note">{r.chunks.note}</p>
                    <span className="rec-value mt-1">
                      <code>{r.chunks.text}</code>
                      <CopyButton value={r.chunks.text} label={r.chunks.copy} />
                    </span>
                  </details>
                )}
                <p className="rec-note mt-1">{text.purposes[r.purpose]}</p>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
