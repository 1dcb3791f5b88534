import "server-only";
import { changesSince, type StatusChange } from "@/lib/checks/changes-since";
import { checkConfigFromEnv, type CheckConfig } from "@/lib/checks/config";
import { checkIds, networkCheckIds, type CheckId, type CheckResult } from "@/lib/checks/result";
import { defaultCheckDeps, runChecks } from "@/lib/checks/run-checks";
import { ensureDkimKeys } from "@/lib/dkim/dkim-keys";
import { createSharedDnsCache, type SharedDnsCache } from "@/lib/net/shared-dns-cache";
import { latestCheckRun, saveCheckRun } from "@/lib/pipeline/check-runs";
import { loadCheckInput } from "@/lib/pipeline/load-check-input";
import { markStepComplete, setServerNotInstalled, type StoredSetup } from "@/lib/setup/store";

// One DNS cache for every run of this process (see lib/net/shared-dns-cache.ts).
const g = globalThis as unknown as { postwrightDnsCache?: SharedDnsCache };
const sharedDns = (g.postwrightDnsCache ??= createSharedDnsCache(defaultCheckDeps.dns, {
  maxAgeMs: Number(process.env.POSTWRIGHT_DNS_CACHE_MS ?? 5000),
}));

export interface CheckRunOptions {
  /** "network": the Network step's checks (not stored; they mark that step). "all" by default. */
  scope?: "all" | "network";
  /** Only these checks (not stored either: a partial run is not the setup's latest). */
  only?: CheckId[];
  /** Store a full run as the setup's latest (default true). */
  store?: boolean;
  /** The network targets (default: the environment's, see lib/checks/config.ts). */
  config?: CheckConfig;
  /**
   * false: the mail server is not installed yet (its TLS check says so instead of failing while nothing answers).
   * Default: what the user said for this setup (StoredSetup.serverNotInstalled).
   */
  serverInstalled?: false;
  signal?: AbortSignal;
  onResult?: (r: CheckResult) => void;
}

/**
 * One run of the setup's checks through the process-wide DNS cache, each
 * result passed to `onResult` as soon as it is known; a full run is stored as
 * the setup's latest. The Checks page, the schedule and `postwright check` run this.
 */
export async function runAndStoreChecks(
  setup: StoredSetup,
  opts: CheckRunOptions = {},
): Promise<{ results: CheckResult[]; changes: StatusChange[] }> {
  const scope = opts.scope ?? "all";
  const only = scope === "network" ? networkCheckIds : opts.only;
  // The checks compare against the published DKIM keys: a setup without any yet gets them now, as the DNS step does.
  await ensureDkimKeys(setup.id, setup.document);
  const [loaded, previous] = await Promise.all([loadCheckInput(setup), latestCheckRun(setup.id)]);
  const notInstalled = opts.serverInstalled === false || setup.serverNotInstalled;
  const input = notInstalled ? { ...loaded, serverInstalled: false } : loaded;
  const startedAt = new Date();
  const results: CheckResult[] = [];
  for await (const result of runChecks({
    input,
    config: opts.config ?? checkConfigFromEnv(process.env),
    only,
    signal: opts.signal,
    deps: { dns: sharedDns.query },
  })) {
    results.push(result);
    opts.onResult?.(result);
  }
  results.sort((a, b) => checkIds.indexOf(a.id) - checkIds.indexOf(b.id));
  const previousResults = previous?.results.filter((r) => results.some((x) => x.id === r.id));
  if (!opts.signal?.aborted) {
    if (!only && opts.store !== false) await saveCheckRun(setup.id, startedAt, results);
    if (scope === "network") await markStepComplete(setup.id, "network", networkDone(setup, results));
    // The server answers now (the bundle was installed): what the user said no longer holds.
    const tls = results.find((r) => r.id === "smtp-tls");
    if (setup.serverNotInstalled && tls && tls.summaryRef.key !== "smtpTls.notInstalled")
      await setServerNotInstalled(setup.id, false);
  }
  return { results, changes: changesSince(previousResults, results) };
}

/**
 * Whether a network run completes its step: nothing fails. In relay mode a
 * blocked port 25 is expected (mail leaves through the relay), so it does not count.
 */
function networkDone(setup: StoredSetup, results: CheckResult[]): boolean {
  const relay = setup.document.delivery.mode === "relay";
  return results.every((r) => r.status !== "fail" || (relay && r.id === "port25-outbound"));
}

export type CheckStreamEvent =
  | { type: "start"; ids: string[] }
  | { type: "result"; result: CheckResult }
  | { type: "done"; changes: StatusChange[]; finishedAt: string; dns: { sent: number; shared: number } }
  | { type: "error"; message: string };

/** One run as an NDJSON byte stream (each result as soon as it is known). */
export function streamCheckRun(
  setup: StoredSetup,
  scope: "all" | "network",
  signal?: AbortSignal,
  /** How each result is sent (e.g. its texts in the reader's language); stored results stay as they are. */
  present: (result: CheckResult) => CheckResult = (r) => r,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const send = (e: CheckStreamEvent) => controller.enqueue(encoder.encode(JSON.stringify(e) + "\n"));
      try {
        send({ type: "start", ids: scope === "network" ? [...networkCheckIds] : [...checkIds] });
        const { changes } = await runAndStoreChecks(setup, {
          scope,
          signal,
          onResult: (result) => send({ type: "result", result: present(result) }),
        });
        send({ type: "done", changes, finishedAt: new Date().toISOString(), dns: sharedDns.stats() });
      } catch (e) {
        send({ type: "error", message: e instanceof Error ? e.message : String(e) });
      } finally {
        controller.close();
      }
    },
  });
}
