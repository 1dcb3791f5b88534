import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import { DkimKeysPanel } from "@/components/dns/dkim-keys-panel";
import { DnsTraps } from "@/components/dns/dns-traps";
import { PtrRequest } from "@/components/dns/ptr-request";
import { PublishConfirm } from "@/components/dns/publish-confirm";
import { RecordTable } from "@/components/dns/record-table";
import { requireSession } from "@/lib/auth/guard";
import { listDkimKeys } from "@/lib/dkim/dkim-keys";
import { retirableSelectors } from "@/lib/dkim/retirable-selectors";
import { loadDnsPlan } from "@/lib/records/load-dns-plan";
import { toUnicodeHostname } from "@/lib/setup/names";
import { stepHref } from "@/lib/setup/steps";
import { getSetup } from "@/lib/setup/store";
import { markPublishedAction, retireDkimAction, rotateDkimAction } from "./actions";

export default async function DnsStepPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ dnssec?: string }> }) {
  await requireSession();
  const { id } = await params;
  const dnssec = (await searchParams).dnssec === "1";
  const setup = await getSetup(id);
  if (!setup) notFound();
  const t = await getTranslations("dns");
  const plan = await loadDnsPlan(setup, { dnssec });
  const keys = await listDkimKeys(id);
  const doc = setup.document;
  const domain = toUnicodeHostname(plan.origin);
  const registrar = plan.records.filter((r) => r.where === "registrar");
  const api = `/api/setups/${id}/records`;
  const mtaStsUrl = `https://mta-sts.${plan.origin}/.well-known/mta-sts.txt`;
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="text-slate-700">{t("intro", { domain })}</p>
        <p className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`${api}?format=zone${dnssec ? "&dnssec=1" : ""}`} download>{t("downloadZone")}</a>
          <a className="btn-secondary" href={`${api}?format=json${dnssec ? "&dnssec=1" : ""}`} download>{t("downloadJson")}</a>
        </p>
      </div>
      <DnsTraps domain={plan.origin} hostname={plan.hostname} />
      {plan.notices.length > 0 && (
        <section className="card space-y-2" aria-labelledby="notices-title">
          <h3 id="notices-title" className="font-bold">{t("noticesTitle")}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {plan.notices.map((n) => (
              <li key={n}>
                {t(`notices.${n}`, { domain, relay: doc.delivery.mode === "relay" ? doc.delivery.host : "" })}
                {n === "tlsa-needs-dnssec" && (
                  <Link className="ml-2 text-brand-700 underline" href="?dnssec=1">{t("showTlsa")}</Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {dnssec && <Link className="text-sm text-brand-700 underline" href="?">{t("hideTlsa")}</Link>}
      <div className="card">
        <RecordTable records={registrar} origin={plan.origin} />
      </div>
      <PtrRequest records={plan.records.filter((r) => r.where === "isp")} hostname={plan.hostname} addresses={[doc.ipv4, doc.ipv6].filter((a): a is string => !!a)} />
      {plan.mtaSts && (
        <section className="card space-y-2" aria-labelledby="mta-sts-title">
          <div className="flex items-center justify-between gap-2">
            <h3 id="mta-sts-title" className="text-lg font-bold">{t("mtaStsTitle")}</h3>
            <CopyButton value={plan.mtaSts.text} label={t("copyMtaSts")} />
          </div>
          <p className="break-words text-sm text-slate-700">{t("mtaStsIntro", { url: mtaStsUrl })}</p>
          <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-sm">{plan.mtaSts.text}</pre>
        </section>
      )}
      <DkimKeysPanel
        keys={keys.filter((k) => k.status !== "retired").map(({ selector, algorithm, status }) => ({ selector, algorithm, status }))}
        retirable={retirableSelectors(keys)}
        rotate={rotateDkimAction.bind(null, id)}
        retire={retireDkimAction.bind(null, id)}
      />
      <PublishConfirm done={setup.steps.includes("dns")} action={markPublishedAction.bind(null, id)} checksHref={stepHref(id, "checks")} />
    </section>
  );
}
