/** One header field, unfolded, in the order the message carries it (topmost first). */
export interface HeaderField {
  /** Lower-case name, e.g. "authentication-results". */
  key: string;
  /** The value with folding undone and outer whitespace trimmed. */
  value: string;
}

/** The input is not a message source (exit 2 in the CLI; a form error on the page). */
export class UnreadableMessage extends Error {
  constructor(readonly reason: "empty" | "binary" | "noHeaders" | "noFrom" | "tooLarge") {
    super(
      {
        empty: "the input is empty",
        binary: "the input is not text (it contains NUL bytes)",
        noHeaders:
          "no header lines at the top: paste the whole source (“Show original” / “View source”), not only the text",
        noFrom: "there is no From header: paste the whole source, headers included",
        tooLarge: "the message is larger than 25 MB",
      }[reason],
    );
  }
}

export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/;

/** Reads the header block of a message source; throws UnreadableMessage when it is not one. */
export function readHeaderFields(source: Buffer | string): HeaderField[] {
  const buf = typeof source === "string" ? Buffer.from(source, "utf8") : source;
  if (buf.length > MAX_MESSAGE_BYTES) throw new UnreadableMessage("tooLarge");
  if (!buf.toString("latin1").trim()) throw new UnreadableMessage("empty");
  const end = headerEnd(buf);
  const head = buf.subarray(0, end).toString("latin1");
  if (head.includes("\0")) throw new UnreadableMessage("binary");
  const lines = head.split(/\r?\n/);
  // An mbox export starts with a "From sender date" line that is not a header.
  if (/^From /.test(lines[0] ?? "")) lines.shift();
  const fields: HeaderField[] = [];
  for (const line of lines) {
    if (!line) continue;
    if (/^[ \t]/.test(line)) {
      if (!fields.length) throw new UnreadableMessage("noHeaders");
      fields[fields.length - 1].value += " " + line.trim();
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) {
      if (!fields.length) throw new UnreadableMessage("noHeaders");
      break;
    }
    fields.push({ key: m[1].toLowerCase(), value: m[2].trim() });
  }
  if (!fields.length) throw new UnreadableMessage("noHeaders");
  if (!fields.some((f) => f.key === "from")) throw new UnreadableMessage("noFrom");
  for (const f of fields) f.value = decodeUtf8(f.value);
  return fields;
}

/** Where the header block ends (the empty line), or the whole input when there is no body. */
function headerEnd(buf: Buffer): number {
  const crlf = buf.indexOf("\r\n\r\n");
  const lf = buf.indexOf("\n\n");
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : buf.length;
}

/** Header values are read as latin1 (byte-safe); raw UTF-8 in them is turned back into text. */
function decodeUtf8(v: string): string {
  if (!/[\x80-\xff]/.test(v)) return v;
  const bytes = Buffer.from(v, "latin1");
  const text = bytes.toString("utf8");
  return text.includes("\ufffd") ? v : text;
}

export function fieldValues(fields: HeaderField[], key: string): string[] {
  return fields.filter((f) => f.key === key).map((f) => f.value);
}

/** The mailbox address in a From/Return-Path value ("Anna <anna@example.com>" → "anna@example.com"). */
export function addressIn(value: string): string | null {
  const angle = /<([^<>\s]*)>/.exec(value);
  const candidate = angle ? angle[1] : (/[^\s<>"(),;:]+@[^\s<>"(),;:]+/.exec(value)?.[0] ?? "");
  return candidate.includes("@") ? candidate.toLowerCase() : candidate === "" && angle ? "" : null;
}

export const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1).toLowerCase();
