import type { DnsRecord, RecordLevel } from "./record";
import { relativeHost } from "./relative-host";

/** One registrar record as the DNS page sends it to RecordTableView: data only, the table makes the sentences. */
export interface RecordRow {
  /** Relative to the zone ("@" for the apex); null when the name lies in another zone. */
  host: string | null;
  /** The absolute name without its final dot, sent only when `host` is null (else it follows from host and origin). */
  name?: string;
  type: string;
  ttl: number;
  value: string;
  level: RecordLevel;
  /** What the record is for: the key of its explanation in the table's `purposes`. */
  purpose: string;
}

/** The registrar records as rows for RecordTableView. */
export function recordRows(records: DnsRecord[], origin: string): RecordRow[] {
  return records.map((r) => {
    const host = relativeHost(r.name, origin);
    const row: RecordRow = { host, type: r.type, ttl: r.ttl, value: r.value, level: r.level, purpose: r.purpose };
    // Absent rather than undefined: the React payload would carry "$undefined" for each row.
    if (host === null) row.name = r.name;
    return row;
  });
}
