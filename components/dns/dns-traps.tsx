"use client";
import { useTranslations } from "next-intl";

/** The classic registrar mistakes, spelled out with this domain's own names. */
export function DnsTraps({ domain, hostname }: { domain: string; hostname: string }) {
  const t = useTranslations("dns");
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="traps-title">
      <h3 id="traps-title" className="font-bold text-amber-950">
        {t("trapsTitle")}
      </h3>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-950">
        <li>{t("traps.doubledSuffix", { domain, example: `_dmarc.${domain}.${domain}` })}</li>
        <li>{t("traps.trailingDot", { domain, example: `${hostname}.${domain}` })}</li>
        <li>{t("traps.cdn", { host: hostname })}</li>
        <li>{t("traps.secondSpf")}</li>
        <li>{t("traps.quotes")}</li>
      </ul>
    </section>
  );
}
