"use server";
import { redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormState } from "@/lib/forms/form-state";
import { toAsciiHostname } from "@/lib/setup/names";
import { deleteSetup, getSetup } from "@/lib/setup/store";

export async function removeSetup(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const setup = await getSetup(setupId);
  if (!setup) redirect("/");
  const typed = toAsciiHostname(String(form.get("confirm") ?? ""));
  if (typed !== setup.domain) return { errors: { confirm: ["deleteMismatch"] } };
  await deleteSetup(setupId);
  redirect("/");
}
