import "server-only";
import { describeIssues, issuesByField } from "@/lib/i18n/issues";
import { getSetupByDomain, saveSetup, type StoredSetup } from "./store";

import { MAX_IMPORT_BYTES } from "./import-limit";

export { MAX_IMPORT_BYTES };

export type ImportResult =
  | { ok: true; setup: StoredSetup; created: boolean }
  | { ok: false; reason: "too-large" | "not-json"; detail?: string }
  | { ok: false; reason: "invalid"; lines: string[]; fields: Record<string, string[]> }
  | { ok: false; reason: "conflict" | "domain-taken" | "not-found" };

/**
 * Imports a Setup document from JSON text: creates the setup, or replaces the
 * one with the same domain. Nothing is written unless the whole file is valid.
 */
export async function importSetupJson(text: string): Promise<ImportResult> {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) return { ok: false, reason: "too-large" };
  let data: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, reason: "not-json", detail: (e as Error).message };
  }
  const domain =
    data && typeof data === "object" && typeof (data as { domain?: unknown }).domain === "string"
      ? (data as { domain: string }).domain
      : "";
  const existing = domain ? await getSetupByDomain(domain) : null;
  const r = await saveSetup(data, existing ? { id: existing.id } : {});
  if (r.ok) return { ok: true, setup: r.setup, created: !existing };
  if (r.reason === "invalid")
    return { ok: false, reason: "invalid", lines: describeIssues(r.issues), fields: issuesByField(r.issues) };
  return { ok: false, reason: r.reason };
}
