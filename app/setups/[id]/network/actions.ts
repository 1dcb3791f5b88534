"use server";
import { revalidatePath } from "next/cache";
import { requireSession } from "@/lib/auth/guard";
import { fieldErrorsUnder } from "@/lib/i18n/issues";
import type { FormState } from "@/lib/forms/form-state";
import { saveStep } from "@/lib/setup/save-step";

/** Switches the setup to relay mode (a smarthost on 587 with a login). */
export async function switchToRelay(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  await requireSession();
  const field = (name: string, fallback = "") => String(form.get(name) ?? fallback);
  const values = {
    host: field("host"),
    port: field("port", "587"),
    username: field("username"),
    tlsFingerprint: field("tlsFingerprint"),
  };
  const version = Number(form.get("version"));
  if (!Number.isInteger(version)) return { message: "relayInvalid", values };
  const saved = await saveStep(setupId, "relay", { ...values, password: field("password") || undefined }, version);
  if (saved.ok) {
    revalidatePath(`/setups/${setupId}`, "layout");
    return { ok: true, message: "relaySaved", values: { ...values, version: saved.setup.version } };
  }
  if (saved.reason === "invalid")
    return { errors: fieldErrorsUnder(saved.issues, "delivery"), message: "relayInvalid", values };
  return {
    message:
      saved.reason === "conflict" ? "relayConflict" : saved.reason === "not-found" ? "relayNotFound" : "relayInvalid",
    values,
  };
}
