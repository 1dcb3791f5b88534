import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Any address the wizard does not have (and a setup that no longer exists), in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <section className="card space-y-3">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="text-slate-700">{t("notFoundText")}</p>
      <Link href="/" className="btn">
        {t("notFoundHome")}
      </Link>
    </section>
  );
}
