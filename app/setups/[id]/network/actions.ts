"use server";
import { revalidatePath } from "next/cache";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";
import { saveRelay } from "@/lib/relay/save-relay";
import { saveStep } from "@/lib/setup/save-step";

/** Switches the setup to relay mode (a preset or a smarthost of one's own, with a login), through saveRelay. */
export async function switchToRelay(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await switchToRelayOutcome(setupId, form), "network");
}

async function switchToRelayOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const field = (k: string, d = "") => String(form.get(k) ?? d);
  const r = await saveRelay(
    setupId,
    {
      preset: field("preset"),
      region: field("region"),
      host: field("host"),
      port: field("port", "587"),
      username: field("username"),
      spfInclude: field("spfInclude"),
      providerDkim: field("providerDkim"),
      tlsFingerprint: field("tlsFingerprint"),
      password: field("password"),
    },
    { expectedVersion: Number(form.get("version")) },
  );
  if (!r.ok) return { errors: r.errors, message: r.message, params: r.params, values: r.values };
  revalidatePath(`/setups/${setupId}`, "layout");
  const { password: _password, ...shown } = r.values;
  return { ok: true, message: "relaySaved", values: { ...shown, version: r.setup.version } };
}

/** Back to direct delivery: mail leaves from this server on port 25; the relay and its password are dropped. */
export async function switchToDirect(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await switchToDirectOutcome(setupId, form), "network");
}

async function switchToDirectOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return BAD_REQUEST;
  const r = await saveStep(setupId, "direct", {}, Number(form.get("version")) || undefined);
  if (!r.ok) return { message: r.reason === "conflict" ? "relayConflict" : "relayNotFound" };
  revalidatePath(`/setups/${setupId}`, "layout");
  return { ok: true, message: "directSaved" };
}
