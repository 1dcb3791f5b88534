import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import type { MtaStsPolicy } from "@/lib/dns/mta-sts-policy";

/** The MTA-STS policy file the _mta-sts record announces. */
export async function MtaStsPolicyCard({ policy, origin }: { policy: MtaStsPolicy | null; origin: string }) {
  if (!policy) return null;
  const t = await getTranslations("dns");
  return (
    <section className="card space-y-2" aria-labelledby="mta-sts-title">
      <div className="flex items-center justify-between gap-2">
        <h3 id="mta-sts-title" className="text-lg font-bold">
          {t("mtaStsTitle")}
        </h3>
        <CopyButton value={policy.text} label={t("copyMtaSts")} />
      </div>
      <p className="break-words text-sm text-slate-700">
        {t("mtaStsIntro", { url: `https://mta-sts.${origin}/.well-known/mta-sts.txt` })}
      </p>
      <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-sm">{policy.text}</pre>
    </section>
  );
}
