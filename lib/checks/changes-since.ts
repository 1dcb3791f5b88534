import type { CheckResult, CheckStatus } from "./result";

export interface StatusChange {
  id: string;
  from: CheckStatus | null;
  to: CheckStatus;
}

/** Which checks changed status since the previous run (a check absent before counts as new). Pure. */
export function changesSince(previous: CheckResult[] | null | undefined, current: CheckResult[]): StatusChange[] {
  if (!previous) return [];
  const before = new Map(previous.map((r) => [r.id, r.status]));
  return current
    .filter((r) => before.get(r.id) !== r.status)
    .map((r) => ({ id: r.id, from: before.get(r.id) ?? null, to: r.status }));
}
