"use client";
import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { CertificateSummaryView } from "@/lib/acme/certificate-page-data";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** The current certificate: names, issuer, validity, days left, when it renews, and a renew button. */
export function CertificateDetails({
  certificate,
  renew,
}: {
  certificate: CertificateSummaryView;
  renew: (prev: FormState, form: FormData) => Promise<FormState>;
}) {
  const t = useTranslations("certificate");
  const format = useFormatter();
  const [state, action, pending] = useActionState(renew, initialFormState);
  const tone =
    certificate.daysLeft < 0 ? "text-red-700" : certificate.daysLeft <= 14 ? "text-amber-800" : "text-green-800";
  const date = (iso: string) =>
    `${format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;
  return (
    <section className="card space-y-4" aria-labelledby="cert-details">
      <h3 id="cert-details" className="text-lg font-semibold">
        {t("details.title")}
      </h3>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-700">{t("details.names")}</dt>
        <dd className="break-all font-mono">{certificate.names.join(", ")}</dd>
        <dt className="font-medium text-slate-700">{t("details.issuer")}</dt>
        <dd>{certificate.issuer}</dd>
        <dt className="font-medium text-slate-700">{t("details.validFrom")}</dt>
        <dd>{date(certificate.notBefore)}</dd>
        <dt className="font-medium text-slate-700">{t("details.expires")}</dt>
        <dd data-testid="cert-expiry">{date(certificate.notAfter)}</dd>
        <dt className="font-medium text-slate-700">{t("details.daysLeft")}</dt>
        <dd className={`font-semibold ${tone}`} data-testid="cert-days-left">
          {certificate.daysLeft < 0 ? t("details.expired") : t("details.days", { count: certificate.daysLeft })}
        </dd>
        {certificate.renewAt && (
          <>
            <dt className="font-medium text-slate-700">{t("details.renewal")}</dt>
            <dd>
              {t(certificate.renewalSource === "ari" ? "details.renewAtAri" : "details.renewAt", {
                date: date(certificate.renewAt),
              })}
            </dd>
          </>
        )}
      </dl>
      <form action={action} className="space-y-2">
        <SubmitButton pending={pending} pendingLabel={t("renewing")} className="btn-secondary">
          {t("renew")}
        </SubmitButton>
        <FormMessage state={state} />
      </form>
    </section>
  );
}
