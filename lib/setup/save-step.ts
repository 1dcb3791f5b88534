import "server-only";
import type { z } from "zod";
import type { acmeSchema, domainStepShape } from "./schema";
import { getRelayPassword, getSetup, saveSetup, type SaveResult } from "./store";

/** What each step edits of the document (as typed or posted: the document's schema validates it). */
export interface StepInputs {
  /** The Domain step's fields (schema.ts domainStepShape); the relay and ACME choices are kept. */
  domain: Partial<Record<keyof typeof domainStepShape, unknown>>;
  /**
   * The relay (smarthost): with a host, the whole relay (lib/relay/save-relay.ts,
   * from the Network step and the CLI); without, an edit of the stored relay's
   * fields (its SPF include on the DNS step), the others kept.
   */
  relay: {
    host?: string;
    /** Omitted: the stored one stays (a first switch needs one). */
    password?: string;
    [field: string]: unknown;
  };
  /** The Certificate step's choices: the CA, the contact and the method. */
  certificate: z.input<typeof acmeSchema>;
  /** Back to direct delivery on port 25 (the Network step): the relay and its stored password are dropped. */
  direct: Record<string, never>;
}

export type SetupStep = keyof StepInputs;

/**
 * Saves one step's part of a stored setup, the rest of the document kept, as
 * one whole-document save (validated by the schema; `version` refuses a save
 * made from a stale copy). Every edit of a stored setup goes through here.
 */
export async function saveStep<S extends SetupStep>(
  setupId: string,
  step: S,
  input: StepInputs[S],
  version?: number,
): Promise<SaveResult> {
  const setup = await getSetup(setupId);
  if (!setup) return { ok: false, reason: "not-found" };
  const doc = setup.document;
  if (step === "domain") return saveSetup({ ...input, delivery: doc.delivery, acme: doc.acme }, opts(setupId, version));
  if (step === "certificate") return saveSetup({ ...doc, acme: input }, opts(setupId, version));
  if (step === "direct") return saveSetup({ ...doc, delivery: { mode: "direct" } }, opts(setupId, version));
  const relay = input as StepInputs["relay"];
  const stored = doc.delivery.mode === "relay" ? doc.delivery : {};
  const delivery = { ...(relay.host === undefined ? stored : {}), ...relay, mode: "relay" as const };
  if (relay.host !== undefined && !relay.password && !(await getRelayPassword(setupId)))
    return {
      ok: false,
      reason: "invalid",
      issues: [{ code: "custom", path: ["delivery", "password"], message: "required", input: undefined }],
    };
  return saveSetup({ ...doc, delivery }, opts(setupId, version));
}

const opts = (id: string, expectedVersion?: number) => ({ id, expectedVersion });
