import { getTranslations } from "next-intl/server";
import { CertificateDetails } from "@/components/certificate/certificate-details";
import { OrderForm } from "@/components/certificate/order-form";
import { OrderProgress } from "@/components/certificate/order-progress";
import { acmeEnv } from "@/lib/acme/acme-env";
import { loadCertificatePage } from "@/lib/acme/certificate-page-data";
import { pollCertificate, renewCertificate, startCertificate } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export const dynamic = "force-dynamic";

export default async function CertificateStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("certificate");
  const data = await loadCertificatePage(id, setup.document, acmeEnv());
  const underWay = data.order && data.order.state !== "done";
  return (
    <section className="space-y-6">
      <div>
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      </div>
      {data.certificate && (
        <CertificateDetails certificate={data.certificate} renew={renewCertificate.bind(null, id)} />
      )}
      {underWay && <OrderProgress initial={data.order!} poll={pollCertificate.bind(null, id)} />}
      {(!data.certificate || data.order?.state === "failed") && (!underWay || data.order?.state === "failed") && (
        <OrderForm data={data} start={startCertificate.bind(null, id)} />
      )}
    </section>
  );
}
