/**
 * FormData with dotted names ("mailboxes.0.address") as a nested object, the
 * shape the zod schemas take. Numeric segments make arrays; empty rows are dropped.
 */
export function formDataToObject(form: FormData, skip: readonly string[] = ["$ACTION"]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || skip.some((s) => name.startsWith(s))) continue;
    const parts = name.split(".");
    if (parts.some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) continue;
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return compactArrays(root) as Record<string, unknown>;
}

function compactArrays(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v
      .filter((x) => x !== undefined)
      .map(compactArrays)
      .filter((row) => !(row && typeof row === "object" && Object.values(row).every((f) => f === "")));
  }
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compactArrays(x)]));
  return v;
}
