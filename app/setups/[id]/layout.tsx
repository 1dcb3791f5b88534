import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepNav } from "@/components/step-nav";
import { StepPager } from "@/components/step-pager";
import { stepProgress } from "@/lib/pipeline/step-progress";
import { displayDomain } from "@/lib/setup/derived";
import { requireSetup } from "@/lib/setup/require-setup";
import { steps, type StepId } from "@/lib/setup/steps";

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
  const labels = Object.fromEntries(steps.map((s) => [s.id, t(s.label)])) as Record<StepId, string>;
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
      <StepNav
        setupId={id}
        done={await stepProgress(setup)}
        text={{
          nav: t("nav"),
          loading: t("loading"),
          complete: t("complete"),
          incomplete: t("incomplete"),
          labels,
        }}
      />
      <div>{children}</div>
      <StepPager
        setupId={id}
        label={t("pager")}
        // The messages are plain "…{step}…" templates: the pager puts each step's name in.
        text={{ labels, previous: t("previous", { step: "{step}" }), next: t("next", { step: "{step}" }) }}
      />
    </div>
  );
}
