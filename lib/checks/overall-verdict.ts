import type { CheckResult } from "./result";

/** The one sentence the Status page opens with, from the latest results. */
export type OverallVerdict =
  { kind: "unknown" } | { kind: "ok"; warnings: number } | { kind: "blocked"; blockers: string[] };

/**
 * Mail flows when no check failed or could not run, and the mail server was
 * actually checked (its TLS check skipped because the server is not installed
 * yet blocks it too). Blockers are check ids, in check order.
 */
export function overallVerdict(
  ids: readonly string[],
  results: Record<string, CheckResult | undefined>,
): OverallVerdict {
  const known = ids.filter((id) => results[id]);
  if (!known.length) return { kind: "unknown" };
  const blockers = known.filter((id) => {
    const r = results[id]!;
    return r.status === "fail" || r.status === "error" || (id === "smtp-tls" && r.status === "skip");
  });
  if (blockers.length) return { kind: "blocked", blockers };
  if (known.length < ids.length) return { kind: "unknown" };
  return { kind: "ok", warnings: known.filter((id) => results[id]!.status === "warn").length };
}
