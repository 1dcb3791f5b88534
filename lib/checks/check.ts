import type { CheckContext } from "./check-context";
import type { CheckDetail, CheckId } from "./result";
import type { Verdict } from "./verdict";

export interface CheckOutcome {
  verdict: Verdict;
  details: CheckDetail[];
}

/** One check: an id and what it does, given its context (deps, config, deadline). */
export interface Check {
  id: CheckId;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
