import type { CheckContext } from "./check-context";
import type { CheckDetail, CheckId } from "./result";
import type { Verdict } from "./verdict";

export interface CheckOutcome {
  verdict: Verdict;
  details: CheckDetail[];
}

/**
 * What a check cannot do without: the resolver, the echo services (this
 * machine reaching the Internet directly), the network at all ("online"), or
 * at least one of the domain's nameservers answering.
 */
export type CheckNeed = "resolver" | "echo" | "online" | "nameservers";

/** One check: an id and what it does, given its context (deps, config, deadline). */
export interface Check {
  id: CheckId;
  /** When one of these is missing, the check is "not checked" (skip, naming the cause) instead of run. */
  needs?: CheckNeed[];
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
