import { getTranslations } from "next-intl/server";
import { SetupForm } from "@/components/setup-form";
import { requireSession } from "@/lib/auth/guard";
import { createSetup } from "./actions";

export default async function NewSetupPage() {
  await requireSession();
  const t = await getTranslations("setup");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("newTitle")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <SetupForm action={createSetup} initial={{}} submitLabel="create" />
    </section>
  );
}
