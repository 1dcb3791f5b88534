import { getTranslations } from "next-intl/server";

/** Shown while the page renders: the first visit makes the DKIM keys (RSA takes up to a second). */
export default async function Loading() {
  const t = await getTranslations("dns");
  return (
    <section className="card flex items-center gap-3" role="status" aria-live="polite">
      <span aria-hidden className="size-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
      {t("loading")}
    </section>
  );
}
