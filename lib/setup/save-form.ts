import "server-only";
import { formDataToObject } from "@/lib/forms/form-data";
import type { FormOutcome } from "@/lib/forms/form-state";
import { issuesByField } from "@/lib/i18n/issues";
import { DOMAIN_FORM_FIELDS, domainFormToInput, echoValues, type DomainFormInput } from "./domain-form";
import { setupInputSchema } from "./schema";
import { saveStep } from "./save-step";
import { getMailboxPasswordHashes, getSetupByDomain, saveSetup, type StoredSetup } from "./store";

/** The Domain form's action body, shared by "create" and "edit": never throws on a user's mistake. */
export async function saveDomainForm(form: FormData, setupId?: string): Promise<FormOutcome & { setup?: StoredSetup }> {
  const fields = formDataToObject(form, DOMAIN_FORM_FIELDS) as DomainFormInput & { version?: string };
  const withPassword = new Set(setupId ? (await getMailboxPasswordHashes(setupId)).map((m) => m.address) : []);
  const { input, errors: formErrors } = domainFormToInput(fields, withPassword);
  const values = echoValues(fields) as Record<string, unknown>;
  if (Object.keys(formErrors).length) {
    const parsed = setupInputSchema.safeParse(input);
    return {
      errors: { ...(parsed.success ? {} : issuesByField(parsed.error.issues)), ...formErrors },
      message: "fixErrors",
      values,
    };
  }
  const version = fields.version ? Number(fields.version) : undefined;
  const result = setupId ? await saveStep(setupId, "domain", input, version) : await saveSetup(input);
  if (result.ok) return { ok: true, message: "saved", setup: result.setup };
  if (result.reason === "invalid") return { errors: issuesByField(result.issues), message: "fixErrors", values };
  if (result.reason === "domain-taken") {
    const existing = await getSetupByDomain(String(input.domain));
    return {
      errors: { domain: ["domainTaken"] },
      message: "domainTaken",
      params: existing ? { existing: existing.id } : undefined,
      values,
    };
  }
  return { message: result.reason === "conflict" ? "conflict" : "notFound", values };
}
