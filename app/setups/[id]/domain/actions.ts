"use server";
import { revalidatePath } from "next/cache";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { saveDomainForm } from "@/lib/setup/save-form";

export async function updateDomain(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await updateDomainOutcome(setupId, form), "setup");
}

async function updateDomainOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const { setup, ...state } = await saveDomainForm(form, setupId);
  if (setup) {
    revalidatePath(`/setups/${setupId}`, "layout");
    return { ...state, values: { version: setup.version } };
  }
  return state;
}
