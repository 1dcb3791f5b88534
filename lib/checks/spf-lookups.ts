/** Fetches the SPF records (v=spf1 …) published at a name. */
export type SpfFetch = (name: string) => Promise<string[]>;

const LOOKUP_TERMS = new Set(["include", "a", "mx", "ptr", "exists", "redirect"]);

/** The mechanism or modifier name of one SPF term ("include", "ip4", "all", "redirect", …). */
export function spfTermName(term: string): string {
  return term
    .replace(/^[+?~-]/, "")
    .split(/[:/=]/)[0]
    .toLowerCase();
}

/**
 * Counts the DNS-querying terms the whole SPF tree would cost a receiver
 * (RFC 7208 §4.6.4: at most 10), following include and redirect. Evaluation
 * stops at the first match, so it can pass while the record is over the limit
 * for other senders: count statically.
 */
export async function countSpfLookups(
  record: string,
  fetch: SpfFetch,
  seen = new Set<string>(),
  limit = 10,
): Promise<number> {
  let count = 0;
  for (const t of record.trim().split(/\s+/).slice(1)) {
    const name = spfTermName(t);
    if (!LOOKUP_TERMS.has(name)) continue;
    count++;
    if (count > limit) return count;
    if (name === "include" || name === "redirect") {
      const target = t
        .slice(t.search(/[:=]/) + 1)
        .toLowerCase()
        .replace(/\.$/, "");
      if (seen.has(target) || target.includes("%")) continue;
      seen.add(target);
      const records = await fetch(target);
      if (records.length === 1) count += await countSpfLookups(records[0], fetch, seen, limit - count);
    }
    if (count > limit) return count;
  }
  return count;
}
