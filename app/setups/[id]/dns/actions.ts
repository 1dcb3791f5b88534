"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/guard";
import { DkimError, retireDkim, rotateDkim } from "@/lib/dkim/dkim-keys";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { selectorField } from "@/lib/setup/schema";
import { fieldErrorsUnder } from "@/lib/i18n/issues";
import { saveStep } from "@/lib/setup/save-step";
import { getSetup, markStepComplete } from "@/lib/setup/store";

const refresh = (setupId: string) => revalidatePath(`/setups/${setupId}`, "layout");

async function refusal(e: unknown): Promise<FormOutcome> {
  if (e instanceof DkimError) return { ok: false, message: `errors.${e.code}` };
  throw e;
}

export async function rotateDkimAction(setupId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return formTexts(await rotateDkimActionOutcome(setupId, _form), "dns");
}

async function rotateDkimActionOutcome(setupId: string, _form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, _form)) return BAD_REQUEST;
  if (!(await getSetup(setupId))) return { ok: false, message: "errors.no-such-key" };
  try {
    const selector = await rotateDkim(setupId);
    refresh(setupId);
    return { ok: true, message: "rotated", params: { selector } };
  } catch (e) {
    return refusal(e);
  }
}

export async function retireDkimAction(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await retireDkimActionOutcome(setupId, form), "dns");
}

async function retireDkimActionOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const parsed = z.object({ selector: selectorField }).safeParse({ selector: form.get("selector") });
  if (!parsed.success)
    return { ok: false, message: "errors.selector", errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await retireDkim(setupId, parsed.data.selector);
    refresh(setupId);
    return { ok: true, message: "retired", params: { selector: parsed.data.selector } };
  } catch (e) {
    return refusal(e);
  }
}

/** The DNS step is complete when the user says the records are published (the checks step verifies it). */
export async function markPublishedAction(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await markPublishedActionOutcome(setupId, form), "dns");
}

async function markPublishedActionOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const done = form.get("done") === "1";
  if (!(await getSetup(setupId))) return { ok: false };
  await markStepComplete(setupId, "dns", done);
  refresh(setupId);
  return { ok: true, message: done ? "published" : "unpublished" };
}

/** Saves the relay provider's SPF include domain into the Setup document (delivery.spfInclude). */
export async function saveRelayIncludeAction(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await saveRelayIncludeActionOutcome(setupId, form), "dns");
}

async function saveRelayIncludeActionOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const setup = await getSetup(setupId);
  if (!setup || setup.document.delivery.mode !== "relay") return { ok: false, message: "relayOnly" };
  const values = { spfInclude: String(form.get("spfInclude") ?? "") };
  const result = await saveStep(setupId, "relay", values, Number(form.get("version")));
  if (result.ok) {
    refresh(setupId);
    return { ok: true, message: "relayIncludeSaved", values: { version: result.setup.version } };
  }
  if (result.reason === "invalid") {
    const errors = { spfInclude: fieldErrorsUnder(result.issues, "delivery").spfInclude ?? ["invalidValue"] };
    return { ok: false, errors, message: "relayIncludeInvalid", values };
  }
  return { ok: false, message: result.reason === "conflict" ? "conflict" : "relayOnly", values };
}
