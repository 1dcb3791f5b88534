/** The most bytes one TXT character-string holds (RFC 1035 §3.3). */
export const TXT_CHUNK_BYTES = 255;

// No Buffer here: the DNS step's records table (a client component) quotes long values in the browser.
const utf8 = new TextEncoder();

/** UTF-8 bytes of one code point (a lone surrogate is encoded as U+FFFD: 3 bytes, as Buffer and TextEncoder do). */
const codePointBytes = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** The length of `value` in UTF-8 bytes. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (const ch of value) bytes += codePointBytes(ch.codePointAt(0)!);
  return bytes;
}

/**
 * Splits a TXT value into character-strings of at most 255 bytes each, never
 * cutting a UTF-8 sequence. Receivers (DKIM, SPF) join them back without a
 * separator, so where the cut falls does not matter to them.
 */
export function chunkTxt(value: string, max = TXT_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of value) {
    const size = codePointBytes(ch.codePointAt(0)!);
    if (bytes + size > max) {
      chunks.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  if (current || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** One character-string in zone-file syntax: quoted, with " and \ escaped, non-ASCII as \DDD. */
export function quoteTxt(chunk: string): string {
  let out = "";
  for (const byte of utf8.encode(chunk)) {
    const c = String.fromCharCode(byte);
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${String(byte).padStart(3, "0")}`;
    else out += c;
  }
  return `"${out}"`;
}

/** The value as registrars that want quoted pieces take it: `"…" "…"`. */
export function quotedChunks(value: string): string {
  return chunkTxt(value).map(quoteTxt).join(" ");
}
