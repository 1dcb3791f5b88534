import { getTranslations } from "next-intl/server";
import { ChecksLive } from "@/components/checks/checks-live";
import { localizeResult } from "@/lib/checks/localize";
import { CertificateStatus } from "@/components/status/certificate-status";
import { ReceivedMessage } from "@/components/status/received-message";
import { RunHistory } from "@/components/status/run-history";
import { changesSince } from "@/lib/checks/changes-since";
import { recentCheckRuns } from "@/lib/pipeline/check-runs";
import { checkIntervalMs } from "@/lib/checks/check-interval";
import { checkIds } from "@/lib/checks/result";
import { displayDomain } from "@/lib/setup/derived";
import { nextScheduledCheck } from "@/lib/status/check-schedule";
import { requireSetup } from "@/lib/setup/require-setup";
import { readHeadersAction, scoreDraftAction, sendTestAction } from "./actions";

export default async function StatusPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("status");
  const findings = await getTranslations("findings");
  const runs = await recentCheckRuns(id, 20);
  const last = runs[0];
  // Each status change between consecutive stored runs, newest first.
  const changes = runs
    .slice(0, -1)
    .flatMap((run, i) =>
      changesSince(runs[i + 1].results, run.results).map((c) => ({ ...c, at: run.finishedAt ?? run.startedAt })),
    );
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-bold">{t("title")}</h2>
      <p className="text-slate-700">{t("intro", { domain: displayDomain(setup.domain) })}</p>
      <ChecksLive
        setupId={id}
        ids={[...checkIds]}
        scope="all"
        initial={(last?.results ?? []).map((r) => localizeResult(r, findings))}
        intervalMs={checkIntervalMs()}
        verdict
        lastRunAt={(last?.finishedAt ?? last?.startedAt)?.toISOString()}
        aside={
          <div className="grid gap-4 md:grid-cols-2">
            <CertificateStatus setupId={id} />
            <RunHistory nextAt={nextScheduledCheck()} changes={changes} />
          </div>
        }
      />
      <ReceivedMessage
        setupId={id}
        mailboxes={setup.document.mailboxes.map((m) => m.address)}
        readAction={readHeadersAction.bind(null, id)}
        scoreAction={scoreDraftAction.bind(null, id)}
        sendAction={sendTestAction.bind(null, id)}
      />
    </section>
  );
}
