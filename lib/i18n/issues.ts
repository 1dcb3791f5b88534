import type { z } from "zod";
import en from "@/messages/en/errors.json";

export type ErrorKey = keyof typeof en;

export interface FieldIssue {
  /** Dotted path of the field, e.g. "mailboxes.0.address" ("" for the whole document) */
  path: string;
  key: ErrorKey;
}

function isErrorKey(v: string): v is ErrorKey {
  return Object.hasOwn(en, v);
}

/** Zod issues as (field path, message key) pairs, the key naming a text in messages/<locale>/errors.json. */
function fieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) => ({ path: path ? `${path}.${k}` : k, key: "unknownField" }));
    if (isErrorKey(issue.message)) return [{ path, key: issue.message }];
    if (issue.code === "invalid_type") return [{ path, key: issue.input === undefined ? "required" : "wrongType" }];
    return [{ path, key: "invalidValue" }];
  });
}

/** The issues as a map path → message keys, for forms. */
export function issuesByField(issues: readonly z.core.$ZodIssue[]): Record<string, ErrorKey[]> {
  // A Map, then own properties: a field named "__proto__" in a hostile file is just a name.
  const out = new Map<string, ErrorKey[]>();
  for (const { path, key } of fieldIssues(issues)) {
    const keys = out.get(path) ?? [];
    if (!keys.includes(key)) keys.push(key);
    out.set(path, keys);
  }
  return Object.fromEntries(out);
}

/** English lines "field: message" for the CLI. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return fieldIssues(issues).map(
    ({ path, key }) => `${path ? path.replace(/\.(\d+)/g, "[$1]") : "(document)"}: ${en[key]}`,
  );
}

/** The issues under one part of the document (e.g. "delivery"), keyed by the field below it, for a form of that part. */
export function fieldErrorsUnder(issues: readonly z.core.$ZodIssue[], part: string): Record<string, ErrorKey[]> {
  const out = new Map<string, ErrorKey[]>();
  for (const { path, key } of fieldIssues(issues)) {
    const [head, field] = path.split(".");
    if (head !== part || !field) continue;
    const keys = out.get(field) ?? [];
    if (!keys.includes(key)) keys.push(key);
    out.set(field, keys);
  }
  return Object.fromEntries(out);
}
