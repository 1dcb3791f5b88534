"use client";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

/** A step's link in the step navigation, aria-current="step" when that step is the page shown. */
export function StepLink({ step, href, children }: { step: string; href: string; children: React.ReactNode }) {
  const current = useSelectedLayoutSegment() === step;
  return (
    <Link
      href={href}
      aria-current={current ? "step" : undefined}
      className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm hover:bg-slate-50 aria-[current=step]:border-brand-600 aria-[current=step]:bg-brand-50 aria-[current=step]:font-semibold"
    >
      {children}
    </Link>
  );
}
