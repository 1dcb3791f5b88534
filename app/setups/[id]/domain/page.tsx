import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SetupForm } from "@/components/setup-form";
import { requireSession } from "@/lib/auth/guard";
import { documentToFormValues } from "@/lib/setup/domain-form";
import { toUnicodeEmail } from "@/lib/setup/names";
import { getMailboxPasswordHashes, getSetup } from "@/lib/setup/store";
import { updateDomain } from "./actions";

export default async function DomainStepPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  const setup = await getSetup(id);
  if (!setup) notFound();
  const t = await getTranslations("setup");
  const withPassword = (await getMailboxPasswordHashes(id)).map((m) => toUnicodeEmail(m.address));
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-bold">{t("domainTitle")}</h2>
      <SetupForm action={updateDomain.bind(null, id)} initial={documentToFormValues(setup.document)} version={setup.version} withPassword={withPassword} submitLabel="save" />
    </section>
  );
}
