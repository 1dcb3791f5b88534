/**
 * The fields a form has: plain names ("domain", "dmarc.policy") and rows
 * ("mailboxes.#.address", at most `max` rows). Anything else a request sends is
 * ignored, so a hostile field name cannot shape the object the schema sees.
 */
export interface FormFields {
  names: readonly string[];
  rows?: Record<string, { fields: readonly string[]; max: number }>;
}

/** Longest value kept from one field (the schemas refuse much less; this bounds the work). */
const MAX_VALUE = 100_000;

/**
 * FormData as the nested object the zod schemas take, built only from the
 * fields `spec` names: dotted names nest, row indexes make arrays (bounded by
 * the row's `max`, in index order), empty rows are dropped, files are ignored.
 */
export function formDataToObject(form: FormData, spec: FormFields): Record<string, unknown> {
  const names = new Set(spec.names);
  const root: Record<string, unknown> = {};
  const rows = new Map<string, Map<number, Record<string, string>>>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.length > 200) continue;
    const v = value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
    if (names.has(name)) {
      setPath(root, name.split("."), v);
      continue;
    }
    const m = /^([A-Za-z][\w.]*)\.(0|[1-9]\d{0,5})\.(\w+)$/.exec(name);
    const row = m && Object.hasOwn(spec.rows ?? {}, m[1]) ? spec.rows![m[1]] : undefined;
    if (!m || !row || !row.fields.includes(m[3])) continue;
    const index = Number(m[2]);
    if (index >= row.max) continue;
    let list = rows.get(m[1]);
    if (!list) rows.set(m[1], (list = new Map()));
    let entry = list.get(index);
    if (!entry) list.set(index, (entry = {}));
    entry[m[3]] = v;
  }
  for (const [list, entries] of rows) {
    const ordered = [...entries.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, r]) => r)
      .filter((r) => Object.values(r).some((f) => f !== ""));
    setPath(root, list.split("."), ordered);
  }
  return root;
}

function setPath(root: Record<string, unknown>, parts: string[], value: unknown): void {
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    node = (next && typeof next === "object" && !Array.isArray(next) ? next : (node[part] = {})) as Record<
      string,
      unknown
    >;
  }
  node[parts[parts.length - 1]] = value;
}
