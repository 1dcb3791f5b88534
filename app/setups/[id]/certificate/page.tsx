import { Suspense } from "react";
import { ClientMessages } from "@/components/client-messages";
import { getTranslations } from "next-intl/server";
import { OrderFormSection } from "@/components/certificate/order-form-section";
import { CurrentCertificate } from "@/components/certificate/current-certificate";
import { LoadingStatus } from "@/components/loading-status";
import { OrderProgress } from "@/components/certificate/order-progress";
import { acmeEnv } from "@/lib/acme/acme-env";
import { loadCertificateFrame } from "@/lib/acme/certificate-page-data";
import { shownOrder } from "@/lib/acme/shown-order";
import { pollCertificate, renewCertificate, startCertificate } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export const dynamic = "force-dynamic";

/**
 * The step's frame at once (from the database); what the CA and the DNS say streams in as it arrives.
 * Each section gets the messages of its own client components: an order under way needs none of the form's.
 */
export default async function CertificateStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("certificate");
  const env = acmeEnv();
  const frame = await loadCertificateFrame(id, setup.document, env);
  const underWay = frame.order && frame.order.state !== "done";
  return (
    <section className="space-y-6">
      <div>
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      </div>
      {frame.hasCertificate && (
        <Suspense fallback={<LoadingStatus label={t("details.loading")} />}>
          <ClientMessages
            keys={[
              "certificate.details.days",
              "certificate.details.daysLeft",
              "certificate.details.expired",
              "certificate.details.expires",
              "certificate.details.issuer",
              "certificate.details.names",
              "certificate.details.renewAt",
              "certificate.details.renewAtAri",
              "certificate.details.renewal",
              "certificate.details.title",
              "certificate.details.validFrom",
              "certificate.renew",
              "certificate.renewing",
            ]}
          >
            <CurrentCertificate setupId={id} env={env} renew={renewCertificate.bind(null, id)} />
          </ClientMessages>
        </Suspense>
      )}
      {underWay && (
        <ClientMessages
          keys={[
            "certificate.manual",
            "certificate.methods.dns-01-manual.name",
            "certificate.methods.dns-01-rfc2136.name",
            "certificate.methods.http-01.name",
            "certificate.problems.caSaid",
            "certificate.progress",
            "certificate.steps",
            "common.copied",
            "common.copy",
            "common.copyByHand",
            "common.copyByHandHint",
          ]}
        >
          <OrderProgress initial={shownOrder(frame.order!)} poll={pollCertificate.bind(null, id)} />
        </ClientMessages>
      )}
      {(!frame.hasCertificate || frame.order?.state === "failed") && (!underWay || frame.order?.state === "failed") && (
        <Suspense fallback={<LoadingStatus label={t("form.loading")} />}>
          <ClientMessages
            keys={[
              "certificate.directories",
              "certificate.form.agreeTos",
              "certificate.form.agreeTosNoLink",
              "certificate.form.blocked",
              "certificate.form.customDirectory",
              "certificate.form.directory",
              "certificate.form.eab",
              "certificate.form.eabHelp",
              "certificate.form.eabHmac",
              "certificate.form.eabKid",
              "certificate.form.email",
              "certificate.form.emailHelp",
              "certificate.form.method",
              "certificate.form.recommended",
              "certificate.form.rfc2136",
              "certificate.form.rfc2136Server",
              "certificate.form.rfc2136ServerHelp",
              "certificate.form.start",
              "certificate.form.starting",
              "certificate.form.title",
              "certificate.form.tsigAlgorithm",
              "certificate.form.tsigName",
              "certificate.form.tsigSecret",
              "certificate.methods",
              "certificate.preflight.checking",
              "certificate.preflight.status",
              "certificate.preflight.title",
              "certificate.preflight.unavailable",
            ]}
          >
            <OrderFormSection
              setupId={id}
              doc={setup.document}
              frame={frame}
              env={env}
              start={startCertificate.bind(null, id)}
            />
          </ClientMessages>
        </Suspense>
      )}
    </section>
  );
}
