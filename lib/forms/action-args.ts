/**
 * Server actions can be called by anyone with any arguments (the action id is in
 * the page): their arguments are checked for type and shape before any use.
 */

/** A setup id as the database makes them (cuid): never an object, an array or a path. */
export function isSetupId(value: unknown): value is string {
  return typeof value === "string" && /^[a-z0-9]{8,40}$/.test(value);
}

/** Arguments of a bound step action `(setupId, prevState, formData)`: false when any is of the wrong kind. */
export function validStepArgs(setupId: unknown, form?: unknown): boolean {
  return isSetupId(setupId) && (form === undefined || form instanceof FormData);
}

/** What a step action answers to arguments of the wrong kind (only a forged call sends them). */
export const BAD_REQUEST = { ok: false, message: "badRequest" } as const;
