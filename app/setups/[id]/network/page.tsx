import { getTranslations } from "next-intl/server";
import { ChecksLive } from "@/components/checks/checks-live";
import { localizeResult } from "@/lib/checks/localize";
import { DirectDeliveryForm } from "@/components/checks/direct-delivery-form";
import { RelayForm } from "@/components/checks/relay-form";
import { latestCheckRunOnce } from "@/lib/pipeline/check-runs";
import { checkIntervalMs } from "@/lib/checks/check-interval";
import { networkCheckIds } from "@/lib/checks/result";
import { switchToDirect, switchToRelay } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export default async function NetworkStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("network");
  const findings = await getTranslations("findings");
  const last = await latestCheckRunOnce(id);
  const delivery = setup.document.delivery;
  const relay = (
    <>
      <RelayForm
        action={switchToRelay.bind(null, id)}
        version={setup.version}
        domain={setup.domain}
        initial={delivery.mode === "relay" ? delivery : undefined}
      />
      {delivery.mode === "relay" && (
        <DirectDeliveryForm action={switchToDirect.bind(null, id)} version={setup.version} />
      )}
    </>
  );
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-bold">{t("title")}</h2>
      <p className="text-slate-700">
        {t(delivery.mode === "relay" ? "introRelay" : "introDirect", {
          relay: delivery.mode === "relay" ? `${delivery.host}:${delivery.port}` : "",
        })}
      </p>
      <ChecksLive
        setupId={id}
        ids={networkCheckIds}
        scope="network"
        initial={(last?.results ?? [])
          .filter((r) => networkCheckIds.includes(r.id))
          .map((r) => localizeResult(r, findings))}
        intervalMs={checkIntervalMs()}
        whenPort25Blocked={relay}
        showRelay={delivery.mode === "relay"}
      />
    </section>
  );
}
