import { getTranslations } from "next-intl/server";
import { displayDomain } from "@/lib/setup/derived";
import { stepHref } from "@/lib/setup/steps";
import { SetupForm } from "@/components/setup-form";
import { documentToFormValues } from "@/lib/setup/domain-form";
import { toUnicodeEmail } from "@/lib/setup/names";
import { getMailboxPasswordHashes } from "@/lib/setup/store";
import { updateDomain } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export default async function DomainStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("setup");
  const ts = await getTranslations("steps");
  const withPassword = (await getMailboxPasswordHashes(id)).map((m) => toUnicodeEmail(m.address));
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-bold">{t("domainTitle")}</h2>
      <SetupForm
        action={updateDomain.bind(null, id)}
        initial={documentToFormValues(setup.document)}
        version={setup.version}
        withPassword={withPassword}
        submitLabel="save"
        asciiDomain={displayDomain(setup.domain) !== setup.domain ? setup.domain : undefined}
        next={{ href: stepHref(id, "dns"), label: ts("next", { step: ts("dns") }) }}
      />
    </section>
  );
}
