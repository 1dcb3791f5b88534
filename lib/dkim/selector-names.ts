const MAX_LABEL = 63;

/**
 * The selector of the Ed25519 key that goes with an RSA selector: the same
 * name plus "e" (pw1 → pw1e). Two keys cannot share one DNS name, and a
 * distinct selector is what RFC 8463 §3 suggests, since receivers that do not
 * know Ed25519 then simply ignore that signature and check the RSA one.
 */
export function ed25519Selector(rsaSelector: string): string {
  if (rsaSelector.length < MAX_LABEL) return `${rsaSelector}e`;
  const cut = rsaSelector.slice(0, MAX_LABEL - 1);
  return `${cut}${rsaSelector.endsWith("e") ? "f" : "e"}`;
}

/** The selector a rotation moves to: the trailing number plus one (pw1 → pw2), or "2" appended, never one already used. */
export function nextSelector(current: string, used: Iterable<string>): string {
  const taken = new Set(used);
  const m = /^(.*?)(\d+)$/.exec(current);
  const stem = m ? m[1] : current;
  let n = m ? Number(m[2]) + 1 : 2;
  for (;;) {
    const suffix = String(n);
    const candidate = `${stem.slice(0, MAX_LABEL - 1 - suffix.length)}${suffix}`;
    if (!taken.has(candidate) && !taken.has(ed25519Selector(candidate))) return candidate;
    n++;
  }
}
