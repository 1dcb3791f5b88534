import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getCertificateSummary } from "@/lib/acme/certificate-store";
import { daysLeft, defaultRenewalTime } from "@/lib/acme/renewal-window";

/** The certificate's days left, and whether renewal is due. */
export async function CertificateStatus({ setupId, now = new Date() }: { setupId: string; now?: Date }) {
  const t = await getTranslations("status");
  const format = await getFormatter();
  const cert = await getCertificateSummary(setupId);
  const left = cert ? daysLeft(cert.notAfter, now) : null;
  const tone = left === null || left < 0 ? "border-red-300" : left < 14 ? "border-amber-300" : "border-green-300";
  return (
    <div className={`card space-y-2 ${tone}`}>
      <h3 className="font-semibold">{t("certificateTitle")}</h3>
      {!cert ? (
        <p>{t("noCertificate")}</p>
      ) : left! < 0 ? (
        <p role="alert" className="font-medium text-red-800">
          {t("expired", { date: format.dateTime(cert.notAfter, { dateStyle: "medium" }) })}
        </p>
      ) : (
        <>
          <p className="break-all text-sm text-slate-600">{cert.names.join(", ")}</p>
          <p className="text-lg font-semibold" data-testid="days-left">
            {t("daysLeft", { days: left!, date: format.dateTime(cert.notAfter, { dateStyle: "medium" }) })}
          </p>
          {now >= defaultRenewalTime(cert) && <p className="text-sm text-amber-800">{t("renewSoon")}</p>}
        </>
      )}
      <Link href={`/setups/${setupId}/certificate`} className="text-sm text-brand-700 underline">
        {t("openCertificate")}
      </Link>
    </div>
  );
}
