"use server";
import { revalidatePath } from "next/cache";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { displayDomain } from "@/lib/setup/derived";
import { importSetupJson, MAX_IMPORT_BYTES } from "@/lib/setup/import-json";

export async function importSetup(_prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await importSetupOutcome(form), "home");
}

async function importSetupOutcome(form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!(form instanceof FormData)) return BAD_REQUEST;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { message: "importNoFile" };
  if (file.size > MAX_IMPORT_BYTES) return { message: "importTooLarge", params: { max: MAX_IMPORT_BYTES / 1024 } };
  const r = await importSetupJson(await file.text());
  if (r.ok) {
    revalidatePath("/");
    return { ok: true, message: "imported", params: { domain: displayDomain(r.setup.domain) } };
  }
  if (r.reason === "too-large") return { message: "importTooLarge", params: { max: MAX_IMPORT_BYTES / 1024 } };
  if (r.reason === "not-json") return { message: "importNotJson", params: { detail: r.detail ?? "" } };
  if (r.reason === "invalid") return { message: "importInvalid", errors: r.fields };
  return { message: "importInvalid", errors: { "": [r.reason === "domain-taken" ? "duplicate" : "invalidValue"] } };
}
