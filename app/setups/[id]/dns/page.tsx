import { getTranslations } from "next-intl/server";
import { AfterHydration } from "@/components/after-hydration";
import { LoadingStatus } from "@/components/loading-status";
import { DkimKeysPanel } from "@/components/dns/dkim-keys-panel";
import { DnsTraps } from "@/components/dns/dns-traps";
import { MtaStsPolicyCard } from "@/components/dns/mta-sts-policy-card";
import { PlanNotices } from "@/components/dns/plan-notices";
import { PtrRequest } from "@/components/dns/ptr-request";
import { PublishConfirm } from "@/components/dns/publish-confirm";
import { RecordTableView } from "@/components/dns/record-table-view";
import { RelayIncludeForm } from "@/components/dns/relay-include-form";
import { latestCheckRunOnce } from "@/lib/pipeline/check-runs";
import { retirableSelectors } from "@/lib/dkim/retirable-selectors";
import { recordRows } from "@/lib/dns/record-rows";
import { dnsPlanAndKeys } from "@/lib/use-cases/dns-plan";
import { displayDomain, ownAddresses } from "@/lib/setup/derived";
import { stepHref } from "@/lib/setup/steps";
import { requireSetup } from "@/lib/setup/require-setup";
import { markPublishedAction, retireDkimAction, rotateDkimAction, saveRelayIncludeAction } from "./actions";

export default async function DnsStepPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ dnssec?: string }>;
}) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const dnssec = (await searchParams).dnssec === "1";
  const t = await getTranslations("dns");
  const [{ plan, dkimKeys: keys }, run] = await Promise.all([
    dnsPlanAndKeys(setup, { dnssec }),
    latestCheckRunOnce(id),
  ]);
  const forward = run?.results.filter((r) => r.id === "a" || r.id === "aaaa") ?? [];
  const forwardSeen =
    forward.some((r) => r.status === "pass") && forward.every((r) => r.status === "pass" || r.status === "skip");
  const unicode = displayDomain(plan.origin);
  const { delivery } = setup.document;
  const relay = delivery.mode === "relay" ? delivery.host : "";
  const registrar = plan.records.filter((r) => r.where === "registrar");
  const addresses = ownAddresses(setup.document);
  const download = (format: string) => `/api/setups/${id}/records?format=${format}${dnssec ? "&dnssec=1" : ""}`;
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="text-slate-700">{t("intro", { domain: unicode })}</p>
        {unicode !== plan.origin && (
          <p className="help" data-testid="punycode">
            {t("punycode", { unicode, ascii: plan.origin })}
          </p>
        )}
        <p className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={download("zone")} download>
            {t("downloadZone")}
          </a>
          <a className="btn-secondary" href={download("json")} download>
            {t("downloadJson")}
          </a>
        </p>
      </div>
      {/* The records and what goes with them are data for client components, rendered in the
          browser: sent once instead of twice (see AfterHydration). */}
      <AfterHydration
        fallback={
          <>
            <LoadingStatus step label={t("loading")} />
            <noscript>
              <p className="card text-sm">{t("noScript")}</p>
            </noscript>
          </>
        }
      >
        <DnsTraps domain={plan.origin} hostname={plan.hostname} />
        {(plan.notices.length > 0 || dnssec) && (
          <PlanNotices
            notices={plan.notices.map((n) => ({ id: n, text: t(`notices.${n}`, { domain: unicode, relay }) }))}
            title={t("noticesTitle")}
            showTlsa={t("showTlsa")}
            hideTlsa={dnssec ? t("hideTlsa") : undefined}
          />
        )}
        {delivery.mode === "relay" && (
          <div className="card">
            <RelayIncludeForm
              text={{
                label: t("relayIncludeLabel", { relay }),
                help: t("relayIncludeHelp"),
                save: t("relayIncludeSave"),
                saving: t("publishing"),
              }}
              current={delivery.spfInclude}
              version={setup.version}
              action={saveRelayIncludeAction.bind(null, id)}
            />
          </div>
        )}
        <div className="card">
          <RecordTableView
            rows={recordRows(registrar, plan.origin)}
            origin={plan.origin}
            purposes={Object.fromEntries(registrar.map((r) => [r.purpose, t(`purposes.${r.purpose}`)]))}
          />
        </div>
        <PtrRequest
          records={plan.records
            .filter((r) => r.where === "isp")
            .map((r, i) => ({ address: addresses[i], name: r.name, value: r.value }))}
          hostname={plan.hostname}
          forwardSeen={forwardSeen}
        />
        <MtaStsPolicyCard policy={plan.mtaSts?.text ?? null} origin={plan.origin} />
        <DkimKeysPanel
          keys={keys
            .filter((k) => k.status !== "retired")
            .map(({ selector, algorithm, status }) => ({ selector, algorithm, status }))}
          retirable={retirableSelectors(keys)}
          rotate={rotateDkimAction.bind(null, id)}
          retire={retireDkimAction.bind(null, id)}
        />
        <PublishConfirm
          done={setup.marks.includes("dns")}
          action={markPublishedAction.bind(null, id)}
          checksHref={stepHref(id, "checks")}
        />
      </AfterHydration>
    </section>
  );
}
