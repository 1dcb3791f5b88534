"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormState } from "@/lib/forms/form-state";
import { portField, relayHostField, relayUsernameField, secretTextField } from "@/lib/setup/schema";
import { getRelayPassword, getSetup, saveSetup } from "@/lib/setup/store";

const relayForm = z.object({
  host: relayHostField,
  port: portField,
  username: relayUsernameField,
  password: z.preprocess((v) => (v === "" ? undefined : v), secretTextField.optional()),
  version: z.coerce.number().int(),
});

/** Switches the setup to relay mode (a smarthost on 587 with a login), saved through saveSetup. */
export async function switchToRelay(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const values = {
    host: String(form.get("host") ?? ""),
    port: String(form.get("port") ?? "587"),
    username: String(form.get("username") ?? ""),
  };
  const parsed = relayForm.safeParse({ ...values, password: form.get("password") ?? "", version: form.get("version") });
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "relayInvalid",
      values,
    };
  const setup = await getSetup(setupId);
  if (!setup) return { message: "relayNotFound", values };
  const { password, version, ...relay } = parsed.data;
  // Keeping an already stored password is fine; a first switch needs one.
  if (!password && !(await getRelayPassword(setupId)))
    return { errors: { password: ["required"] }, message: "relayInvalid", values };
  const saved = await saveSetup(
    { ...setup.document, delivery: { mode: "relay", ...relay, ...(password ? { password } : {}) } },
    { id: setupId, expectedVersion: version, completeStep: "network" },
  );
  if (!saved.ok) return { message: saved.reason === "conflict" ? "relayConflict" : "relayInvalid", values };
  revalidatePath(`/setups/${setupId}`, "layout");
  return { ok: true, message: "relaySaved", values: { ...values, version: saved.setup.version } };
}
