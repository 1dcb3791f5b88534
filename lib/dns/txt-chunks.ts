/** The most bytes one TXT character-string holds (RFC 1035 §3.3). */
export const TXT_CHUNK_BYTES = 255;

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
    const size = Buffer.byteLength(ch, "utf8");
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
  for (const byte of Buffer.from(chunk, "utf8")) {
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
