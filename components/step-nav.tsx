"use client";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";
import { stepHref, steps, type StepId } from "@/lib/setup/steps";

/** The wizard's steps, each marked done or to do; the step shown is aria-current. */
export function StepNav({ setupId, done }: { setupId: string; done: readonly StepId[] }) {
  const t = useTranslations("steps");
  const current = useSelectedLayoutSegment();
  return (
    <nav aria-label={t("nav")} className="relative -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ol className="flex min-w-max gap-1 sm:min-w-0 sm:flex-wrap">
        {steps.map((s, i) => {
          const complete = done.includes(s.id);
          return (
            <li key={s.id}>
              <Link
                href={stepHref(setupId, s.id)}
                aria-current={s.id === current ? "step" : undefined}
                className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm hover:bg-slate-50 aria-[current=step]:border-brand-600 aria-[current=step]:bg-brand-50 aria-[current=step]:font-semibold"
              >
                <span
                  aria-hidden
                  className={`flex size-6 items-center justify-center rounded-full text-xs ${complete ? "bg-green-700 text-white" : "bg-slate-200 text-slate-700"}`}
                >
                  {complete ? "✓" : i + 1}
                </span>
                {t(s.label)}
                <span className="sr-only">({complete ? t("complete") : t("incomplete")})</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
