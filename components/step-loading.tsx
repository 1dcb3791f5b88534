import { getTranslations } from "next-intl/server";
import { LoadingStatus } from "@/components/loading-status";

/** What a step shows the moment it is chosen, while its page renders (a step's loading.tsx). */
export async function StepLoading() {
  const t = await getTranslations("steps");
  return <LoadingStatus step label={t("loading")} />;
}
