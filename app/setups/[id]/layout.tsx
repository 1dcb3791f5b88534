import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StepNav } from "@/components/step-nav";
import { requireSession } from "@/lib/auth/guard";
import { toUnicodeHostname } from "@/lib/setup/names";
import { getSetup } from "@/lib/setup/store";

export default async function SetupLayout({ params, children }: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  await requireSession();
  const { id } = await params;
  const setup = await getSetup(id);
  if (!setup) notFound();
  const t = await getTranslations("steps");
  return (
    <div className="space-y-6">
      <div>
        <Link href="/" className="text-sm text-brand-700 underline">
          ← {t("allSetups")}
        </Link>
        <h1 className="mt-1 break-all text-2xl font-bold">{toUnicodeHostname(setup.domain)}</h1>
      </div>
      <StepNav setupId={id} done={setup.steps} />
      <div>{children}</div>
    </div>
  );
}
