import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PlanNotice } from "@/lib/dns/plan";

/** What the user should know about this plan (relay SPF, CAA, TLSA, other zones). */
export async function PlanNotices({
  notices,
  domain,
  relay,
  dnssec,
}: {
  notices: PlanNotice[];
  domain: string;
  relay: string;
  dnssec: boolean;
}) {
  const t = await getTranslations("dns");
  if (!notices.length && !dnssec) return null;
  return (
    <section className="card space-y-2" aria-labelledby="notices-title">
      <h3 id="notices-title" className="font-bold">
        {t("noticesTitle")}
      </h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {notices.map((n) => (
          <li key={n}>
            {t(`notices.${n}`, { domain, relay })}
            {n === "tlsa-needs-dnssec" && (
              <Link className="ml-2 text-brand-700 underline" href="?dnssec=1">
                {t("showTlsa")}
              </Link>
            )}
          </li>
        ))}
        {dnssec && (
          <li>
            <Link className="text-brand-700 underline" href="?">
              {t("hideTlsa")}
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}
