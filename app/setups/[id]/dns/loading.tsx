import { getTranslations } from "next-intl/server";
import { LoadingStatus } from "@/components/loading-status";

/** Shown while the page renders: the first visit makes the DKIM keys (RSA takes up to a second). */
export default async function Loading() {
  const t = await getTranslations("dns");
  return <LoadingStatus step label={t("loading")} />;
}
