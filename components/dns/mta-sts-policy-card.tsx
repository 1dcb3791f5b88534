"use client";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/copy-button";

/** The MTA-STS policy file (`policy`: its text) that the _mta-sts record announces. */
export function MtaStsPolicyCard({ policy, origin }: { policy: string | null; origin: string }) {
  const t = useTranslations("dns");
  if (!policy) return null;
  return (
    <section className="card space-y-2" aria-labelledby="mta-sts-title">
      <div className="flex items-center justify-between gap-2">
        <h3 id="mta-sts-title" className="text-lg font-bold">
          {t("mtaStsTitle")}
        </h3>
        <CopyButton value={policy} label={t("copyMtaSts")} />
      </div>
      <p className="break-words text-sm text-slate-700">
        {t("mtaStsIntro", { url: `https://mta-sts.${origin}/.well-known/mta-sts.txt` })}
      </p>
      <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-sm">{policy}</pre>
    </section>
  );
}
