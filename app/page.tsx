import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ImportForm } from "@/components/import-form";
import { SetupList } from "@/components/setup-list";
import { requireSession } from "@/lib/auth/guard";
import { stepProgress } from "@/lib/pipeline/step-progress";
import { listSetups } from "@/lib/setup/store";

export default async function HomePage() {
  await requireSession();
  const t = await getTranslations("home");
  const setups = await Promise.all((await listSetups()).map(async (s) => ({ ...s, done: await stepProgress(s) })));
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/setups/new" className="btn">
          + {t("newSetup")}
        </Link>
      </div>
      <SetupList setups={setups} />
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("importTitle")}</h2>
        <ClientMessages
          keys={["home.import", "home.importFile", "home.importHelp", "home.importTooLarge", "home.importing"]}
        >
          <ImportForm />
        </ClientMessages>
      </section>
    </div>
  );
}
