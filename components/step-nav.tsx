import { getTranslations } from "next-intl/server";
import { stepHref, steps, type StepId } from "@/lib/setup/steps";
import { StepLink } from "./step-link";

/** The wizard's steps, each marked done or to do; the step shown is aria-current (StepLink). */
export async function StepNav({ setupId, done }: { setupId: string; done: readonly StepId[] }) {
  const t = await getTranslations("steps");
  return (
    <nav aria-label={t("nav")} className="relative -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ol className="flex min-w-max gap-1 sm:min-w-0 sm:flex-wrap">
        {steps.map((s, i) => {
          const complete = done.includes(s.id);
          return (
            <li key={s.id}>
              <StepLink step={s.id} href={stepHref(setupId, s.id)} loadingLabel={t("loading")}>
                <span aria-hidden className={complete ? "step-num step-done" : "step-num"}>
                  {complete ? "✓" : i + 1}
                </span>
                {t(s.label)}
                <span className="sr-only">{`(${complete ? t("complete") : t("incomplete")})`}</span>
              </StepLink>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
