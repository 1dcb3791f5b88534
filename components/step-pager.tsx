"use client";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { stepHref, steps, type StepId } from "@/lib/setup/steps";

/** The pager's words: each step's name, and the "Previous: {step}" and "Next: {step}" messages with `{step}` left in. */
export interface PagerText {
  labels: Record<StepId, string>;
  previous: string;
  next: string;
}

/** Previous and Next below every step, so that after a save the way on is right there. */
export function StepPager({ setupId, text, label }: { setupId: string; text: PagerText; label: string }) {
  const segment = useSelectedLayoutSegment();
  const i = steps.findIndex((s) => s.id === segment);
  if (i < 0) return null;
  const before = steps[i - 1];
  const after = steps[i + 1];
  return (
    <nav aria-label={label} className="flex flex-wrap justify-between gap-3 border-t border-slate-200 pt-4">
      {before ? (
        <Link href={stepHref(setupId, before.id)} rel="prev" className="btn-secondary">
          ← {text.previous.replace("{step}", text.labels[before.id])}
        </Link>
      ) : (
        <span />
      )}
      {after && (
        <Link href={stepHref(setupId, after.id)} rel="next" className="btn">
          {text.next.replace("{step}", text.labels[after.id])} →
        </Link>
      )}
    </nav>
  );
}
