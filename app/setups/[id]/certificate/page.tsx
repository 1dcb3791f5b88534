import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CurrentCertificate, OrderFormSection } from "@/components/certificate/certificate-sections";
import { LoadingStatus } from "@/components/loading-status";
import { OrderProgress } from "@/components/certificate/order-progress";
import { acmeEnv } from "@/lib/acme/acme-env";
import { loadCertificateFrame } from "@/lib/acme/certificate-page-data";
import { shownOrder } from "@/lib/acme/shown-order";
import { pollCertificate, renewCertificate, startCertificate } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export const dynamic = "force-dynamic";

/** The step's frame at once (from the database); what the CA and the DNS say streams in as it arrives. */
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
          <CurrentCertificate setupId={id} env={env} renew={renewCertificate.bind(null, id)} />
        </Suspense>
      )}
      {underWay && <OrderProgress initial={shownOrder(frame.order!)} poll={pollCertificate.bind(null, id)} />}
      {(!frame.hasCertificate || frame.order?.state === "failed") && (!underWay || frame.order?.state === "failed") && (
        <Suspense fallback={<LoadingStatus label={t("form.loading")} />}>
          <OrderFormSection
            setupId={id}
            doc={setup.document}
            frame={frame}
            env={env}
            start={startCertificate.bind(null, id)}
          />
        </Suspense>
      )}
    </section>
  );
}
