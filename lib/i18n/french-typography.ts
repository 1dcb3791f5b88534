/**
 * French typography rules the messages must follow, as a checker (used by the
 * messages test): a no-break space (U+00A0) or narrow no-break space (U+202F)
 * before : ; ? ! and inside « », the typographic apostrophe, no unelided
 * "de {name}" before a name that may begin with a vowel, and plural through
 * ICU rather than "{count} avertissements".
 */

const noBreak = /[\u00a0\u202f]/;

/** Words after which a colon belongs to code (SPF terms, URL schemes, a header name), not to the sentence. */
const codeBeforeColon = new Set([
  "a",
  "mx",
  "ip4",
  "ip6",
  "include",
  "exists",
  "ptr",
  "mailto",
  "http",
  "https",
  "Content-Type",
]);

/**
 * Placeholders that always hold a number, a date, a time, a path or a public IP address (IPv4, or IPv6 in
 * 2000::/3): never a word starting with a vowel.
 */
const numeric = new Set([
  "ip",
  "path",
  "count",
  "n",
  "ms",
  "ttl",
  "seconds",
  "minutes",
  "days",
  "min",
  "max",
  "pct",
  "port",
  "bytes",
  "length",
  "expected",
  "total",
  "done",
  "date",
  "time",
  "serial",
  "highest",
  "score",
  "required",
  "threshold",
  "pass",
  "warn",
  "fail",
  "error",
  "skip",
]);

/** Counted placeholders: a noun after one of them agrees through an ICU plural. */
const counted = new Set([
  "count",
  "n",
  "minutes",
  "days",
  "bytes",
  "length",
  "total",
  "done",
  "pass",
  "warn",
  "fail",
  "error",
  "skip",
  "max",
  "min",
]);

const elidable = /(^|[^\p{L}’])(de|que|le|la|ne|se|ce|me|te|jusque|lorsque|puisque|presque) \{(\w+)\}/giu;

export function frenchTypographyMistakes(text: string): string[] {
  const out: string[] = [];
  const around = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 20), i + 12));

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") out.push(`straight apostrophe ' (use ’) in ${around(i)}`);
    if (c === "«" && !noBreak.test(text[i + 1] ?? "")) out.push(`no no-break space after « in ${around(i)}`);
    if (c === "»" && !noBreak.test(text[i - 1] ?? "")) out.push(`no no-break space before » in ${around(i)}`);
    if (c === ":" || c === ";" || c === "?" || c === "!") {
      const before = text[i - 1] ?? "";
      const after = text[i + 1] ?? "";
      if (noBreak.test(before)) continue;
      if (/\s/.test(before)) {
        out.push(`plain space before ${c} (use U+00A0 or U+202F) in ${around(i)}`);
        continue;
      }
      if (i === 0) continue;
      // Attached to what follows too: a URL, host:port, owner:group, a query string.
      if (after && !/[\s),.»"]/.test(after)) continue;
      const word = /[\w-]+$/.exec(text.slice(0, i))?.[0] ?? "";
      if (c === ":" && codeBeforeColon.has(word)) continue;
      out.push(`no no-break space before ${c} in ${around(i)}`);
    }
  }

  for (const m of text.matchAll(elidable)) {
    if (!numeric.has(m[3]))
      out.push(`"${m[2]} {${m[3]}}" cannot elide before a vowel (say "${m[2]} l’…", "du domaine {${m[3]}}", …)`);
  }
  for (const m of text.matchAll(/\{(\w+)\} (\p{L}+)/gu)) {
    if (counted.has(m[1]) && /[sx]$/.test(m[2]) && m[2].length > 2 && m[2] !== "Kio")
      out.push(`"{${m[1]}} ${m[2]}" does not agree with 1 (use {${m[1]}, plural, one {…} other {…}})`);
  }
  for (const m of text.matchAll(/\p{L}\((s|x|e|es)\)/gu))
    out.push(`"${m[0]}" (use an ICU plural) in ${around(m.index!)}`);
  return out;
}
