"use server";
import { revalidatePath } from "next/cache";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { getSetup, setServerNotInstalled } from "@/lib/setup/store";

/** Records whether the mail server is installed yet (the checkbox on the Checks page). */
export async function setServerNotInstalledAction(
  setupId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formTexts(await setServerNotInstalledActionOutcome(setupId, form), "checks");
}

async function setServerNotInstalledActionOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!(await getSetup(setupId))) return { ok: false, message: "notInstalledGone" };
  const notInstalled = form.get("notInstalled") === "on";
  await setServerNotInstalled(setupId, notInstalled);
  revalidatePath(`/setups/${setupId}`, "layout");
  return { ok: true, message: notInstalled ? "notInstalledSaved" : "installedSaved" };
}
