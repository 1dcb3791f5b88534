import { getTranslations } from "next-intl/server";
import type { StepId } from "@/lib/setup/steps";

/** The body of a step whose issue has not landed yet. */
export async function StepPlaceholder({ step }: { step: StepId }) {
  const t = await getTranslations("steps");
  const tc = await getTranslations("common");
  return (
    <section className="card space-y-2">
      <h2 className="text-xl font-bold">{t(step)}</h2>
      <p className="text-slate-700">{tc("notBuilt")}</p>
    </section>
  );
}
