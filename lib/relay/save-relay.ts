import "server-only";
import { z } from "zod";
import {
  fingerprintField,
  portField,
  relayHostField,
  relayUsernameField,
  secretTextField,
  spfIncludeField,
} from "@/lib/setup/schema";
import { saveStep } from "@/lib/setup/save-step";
import { getRelayPassword, getSetup, type StoredSetup } from "@/lib/setup/store";
import { parseProviderDkim } from "./provider-dkim";
import { findRelayPreset, presetHost } from "./presets";

/** What the relay form and `postwright relay` give, as typed. */
export interface RelayValues {
  preset: string;
  region: string;
  host: string;
  port: string;
  username: string;
  spfInclude: string;
  /** "NAME TYPE VALUE" lines. */
  providerDkim: string;
  tlsFingerprint: string;
  /** Empty keeps the stored one. */
  password: string;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const relayFields = z.object({
  host: relayHostField,
  port: portField,
  username: relayUsernameField,
  password: z.preprocess(blankToUndefined, secretTextField.optional()),
  tlsFingerprint: z.preprocess(blankToUndefined, fingerprintField.optional()),
  spfInclude: z.preprocess(blankToUndefined, spfIncludeField.optional()),
});

export type SaveRelayResult =
  | { ok: true; setup: StoredSetup; values: RelayValues }
  | {
      ok: false;
      errors?: Record<string, string[]>;
      /** A key of the "network" messages. */
      message: "relayInvalid" | "relayDkimLines" | "relayConflict" | "relayNotFound";
      params?: Record<string, string>;
      /** What was typed, with what the preset fixed (never the password). */
      values: Omit<RelayValues, "password">;
    };

/**
 * Switches a setup to relay mode: the one place the relay is edited (the
 * Network step's form and the CLI). A preset fixes the host (per region for
 * Amazon SES) and the SPF include; a relay of one's own takes what is typed.
 */
export async function saveRelay(
  setupId: string,
  input: RelayValues,
  opts: { expectedVersion?: number } = {},
): Promise<SaveRelayResult> {
  const { password, ...shown } = input;
  const values = { ...shown };
  const fail = (r: Omit<Extract<SaveRelayResult, { ok: false }>, "ok" | "values">): SaveRelayResult => ({
    ok: false,
    ...r,
    values,
  });
  const preset = values.preset ? findRelayPreset(values.preset) : undefined;
  if (values.preset && !preset) return fail({ errors: { preset: ["relayPreset"] }, message: "relayInvalid" });
  if (preset) {
    const host = presetHost(preset, values.region);
    if (!host) return fail({ errors: { region: ["relayRegion"] }, message: "relayInvalid" });
    values.host = host;
    values.spfInclude = preset.spfInclude ?? "";
  }
  const dkim = parseProviderDkim(values.providerDkim);
  if (dkim.problems.length)
    return fail({
      errors: { providerDkim: ["providerDkim"] },
      message: "relayDkimLines",
      params: { lines: dkim.problems.map((p) => p.line).join(", ") },
    });
  const parsed = relayFields.safeParse({ ...values, password });
  if (!parsed.success)
    return fail({
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "relayInvalid",
    });
  const setup = await getSetup(setupId);
  if (!setup) return fail({ message: "relayNotFound" });
  const r = parsed.data;
  // Keeping an already stored password is fine; a first switch needs one.
  if (!r.password && !(await getRelayPassword(setupId)))
    return fail({ errors: { password: ["required"] }, message: "relayInvalid" });
  const saved = await saveStep(
    setupId,
    "relay",
    {
      host: r.host,
      port: r.port,
      username: r.username,
      ...(preset ? { preset: preset.id } : {}),
      ...(preset?.regions ? { region: values.region } : {}),
      ...(r.spfInclude ? { spfInclude: r.spfInclude } : {}),
      ...(dkim.records.length ? { providerDkim: dkim.records } : {}),
      ...(r.tlsFingerprint ? { tlsFingerprint: r.tlsFingerprint } : {}),
      ...(r.password ? { password: r.password } : {}),
    },
    opts.expectedVersion,
  );
  if (!saved.ok) {
    if (saved.reason === "invalid") return fail({ errors: relayFieldErrors(saved.issues), message: "relayInvalid" });
    return fail({ message: saved.reason === "conflict" ? "relayConflict" : "relayInvalid" });
  }
  return { ok: true, setup: saved.setup, values: { ...input, ...values, password: "" } };
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
