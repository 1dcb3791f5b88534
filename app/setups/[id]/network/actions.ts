"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormState } from "@/lib/forms/form-state";
import { fingerprintField, portField, relayHostField, relayUsernameField, secretTextField } from "@/lib/setup/schema";
import { getRelayPassword, getSetup, saveSetup } from "@/lib/setup/store";

const relayForm = z.object({
  host: relayHostField,
  port: portField,
  username: relayUsernameField,
  password: z.preprocess((v) => (v === "" ? undefined : v), secretTextField.optional()),
  tlsFingerprint: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    fingerprintField.optional(),
  ),
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
    tlsFingerprint: String(form.get("tlsFingerprint") ?? ""),
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
  const { password, version, tlsFingerprint, ...relay } = parsed.data;
  // Keeping an already stored password is fine; a first switch needs one.
  if (!password && !(await getRelayPassword(setupId)))
    return { errors: { password: ["required"] }, message: "relayInvalid", values };
  const saved = await saveSetup(
    {
      ...setup.document,
      delivery: {
        mode: "relay",
        ...relay,
        ...(tlsFingerprint ? { tlsFingerprint } : {}),
        ...(password ? { password } : {}),
      },
    },
    { id: setupId, expectedVersion: version, completeStep: "network" },
  );
  if (!saved.ok) {
    if (saved.reason === "invalid") return { errors: relayFieldErrors(saved.issues), message: "relayInvalid", values };
    return { message: saved.reason === "conflict" ? "relayConflict" : "relayInvalid", values };
  }
  revalidatePath(`/setups/${setupId}`, "layout");
  return { ok: true, message: "relaySaved", values: { ...values, version: saved.setup.version } };
}

/** The document's issues under delivery.* (e.g. a relay IP without a fingerprint), keyed by the form's fields. */
function relayFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const i of issues) {
    if (i.path[0] !== "delivery" || typeof i.path[1] !== "string") continue;
    (errors[i.path[1]] ??= []).push(i.message);
  }
  return errors;
}
