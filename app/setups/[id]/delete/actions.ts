"use server";
import { redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { toAsciiHostname } from "@/lib/setup/names";
import { deleteSetup, getSetup } from "@/lib/setup/store";

export async function removeSetup(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await removeSetupOutcome(setupId, form), "home", { errors: "home" });
}

async function removeSetupOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const setup = await getSetup(setupId);
  if (!setup) redirect("/");
  const typed = toAsciiHostname(String(form.get("confirm") ?? ""));
  if (typed !== setup.domain) return { errors: { confirm: ["deleteMismatch"] }, params: { domain: setup.domain } };
  await deleteSetup(setupId);
  redirect("/");
}
