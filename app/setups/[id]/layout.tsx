import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepNav } from "@/components/step-nav";
import { StepPager } from "@/components/step-pager";
import { stepProgress } from "@/lib/pipeline/step-progress";
import { displayDomain } from "@/lib/setup/derived";
import { requireSetup } from "@/lib/setup/require-setup";
import { stepHref, steps } from "@/lib/setup/steps";

export default async function SetupLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: React.ReactNode;
}) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("steps");
  return (
    <div className="space-y-6">
      <div>
        <Link href="/" className="text-sm text-brand-700 underline">
          ← {t("allSetups")}
        </Link>
        <div className="mt-1 flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="break-all text-2xl font-bold">{displayDomain(setup.domain)}</h1>
          <Link href={`/setups/${id}/status`} className="btn-secondary">
            {t("status")}
          </Link>
        </div>
      </div>
      <StepNav setupId={id} done={await stepProgress(setup)} />
      <div>{children}</div>
      <StepPager
        label={t("pager")}
        steps={steps.map((s) => ({
          id: s.id,
          href: stepHref(id, s.id),
          previous: t("previous", { step: t(s.label) }),
          next: t("next", { step: t(s.label) }),
        }))}
      />
    </div>
  );
}
