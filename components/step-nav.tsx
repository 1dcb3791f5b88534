"use client";
import { stepHref, steps, type StepId } from "@/lib/setup/steps";
import { StepLink } from "./step-link";

/** The step strip's words, translated by the layout. */
export interface StepNavText {
  nav: string;
  loading: string;
  complete: string;
  incomplete: string;
  /** Each step's name. */
  labels: Record<StepId, string>;
}

/**
 * The wizard's steps, each marked done or to do; the step shown is aria-current (StepLink).
 * A client component fed with data: every step page's React payload then carries the
 * strip's words and which steps are done, not the strip's markup.
 */
export function StepNav({ setupId, done, text }: { setupId: string; done: readonly StepId[]; text: StepNavText }) {
  return (
    <nav aria-label={text.nav} className="relative -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ol className="flex min-w-max gap-1 sm:min-w-0 sm:flex-wrap">
        {steps.map((s, i) => {
          const complete = done.includes(s.id);
          return (
            <li key={s.id}>
              <StepLink step={s.id} href={stepHref(setupId, s.id)} loadingLabel={text.loading}>
                <span aria-hidden className={complete ? "step-num step-done" : "step-num"}>
                  {complete ? "✓" : i + 1}
                </span>
                {text.labels[s.id]}
                <span className="sr-only">{`(${complete ? text.complete : text.incomplete})`}</span>
              </StepLink>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
