"use server";
import { redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { saveDomainForm } from "@/lib/setup/save-form";

export async function createSetup(_prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await createSetupOutcome(form), "setup");
}

async function createSetupOutcome(form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!(form instanceof FormData)) return BAD_REQUEST;
  const { setup, ...state } = await saveDomainForm(form);
  if (setup) redirect(`/setups/${setup.id}/network`);
  return state;
}
