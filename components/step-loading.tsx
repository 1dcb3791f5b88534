import { getTranslations } from "next-intl/server";

/** What a step shows the moment it is chosen, while its page renders (a step's loading.tsx). */
export async function StepLoading() {
  const t = await getTranslations("steps");
  return (
    <section className="card flex items-center gap-3" role="status" aria-live="polite">
      <span aria-hidden className="size-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
      {t("loading")}
    </section>
  );
}
