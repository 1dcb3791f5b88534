import { getTranslations } from "next-intl/server";
import { ChecksLive } from "@/components/checks/checks-live";
import { localizeResult } from "@/lib/checks/localize";
import { ServerNotInstalled } from "@/components/checks/server-not-installed";
import { RelayAlignment } from "@/components/checks/relay-alignment";
import { latestCheckRunOnce } from "@/lib/pipeline/check-runs";
import { checkIntervalMs } from "@/lib/checks/check-interval";
import { checkIds } from "@/lib/checks/result";
import { displayDomain } from "@/lib/setup/derived";
import { requireSetup } from "@/lib/setup/require-setup";
import { setServerNotInstalledAction } from "./actions";

export default async function ChecksStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("checks");
  const findings = await getTranslations("findings");
  const last = await latestCheckRunOnce(id);
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-bold">{t("title")}</h2>
      <p className="text-slate-700">{t("intro", { domain: displayDomain(setup.domain) })}</p>
      {setup.document.delivery.mode === "relay" && <RelayAlignment relay={setup.document.delivery} />}
      <ServerNotInstalled action={setServerNotInstalledAction.bind(null, id)} notInstalled={setup.serverNotInstalled} />
      <ChecksLive
        setupId={id}
        ids={[...checkIds]}
        scope="all"
        initial={(last?.results ?? []).map((r) => localizeResult(r, findings))}
        intervalMs={checkIntervalMs()}
        runKey={String(setup.serverNotInstalled)}
      />
    </section>
  );
}
