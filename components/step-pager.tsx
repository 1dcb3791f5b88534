"use client";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

export interface PagerStep {
  id: string;
  href: string;
  /** "Previous: Network", "Next: DNS records", formatted by the server. */
  previous: string;
  next: string;
}

/** Previous and Next below every step, so that after a save the way on is right there. */
export function StepPager({ steps, label }: { steps: PagerStep[]; label: string }) {
  const segment = useSelectedLayoutSegment();
  const i = steps.findIndex((s) => s.id === segment);
  if (i < 0) return null;
  const before = steps[i - 1];
  const after = steps[i + 1];
  return (
    <nav aria-label={label} className="flex flex-wrap justify-between gap-3 border-t border-slate-200 pt-4">
      {before ? (
        <Link href={before.href} rel="prev" className="btn-secondary">
          ← {before.previous}
        </Link>
      ) : (
        <span />
      )}
      {after && (
        <Link href={after.href} rel="next" className="btn">
          {after.next} →
        </Link>
      )}
    </nav>
  );
}
