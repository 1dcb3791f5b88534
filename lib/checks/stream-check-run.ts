import "server-only";
import { markStepComplete, type StoredSetup } from "@/lib/setup/store";
import { changesSince, latestCheckRun, saveCheckRun } from "./check-runs";
import { checkConfigFromEnv } from "./config";
import { loadCheckInput } from "./load-check-input";
import { checkIds, networkCheckIds, type CheckResult } from "./result";
import { defaultCheckDeps, runChecks } from "./run-checks";
import { createSharedDnsCache, type SharedDnsCache } from "@/lib/net/shared-dns-cache";

// One DNS cache for every run of this server process (see shared-dns-cache.ts).
const g = globalThis as unknown as { postwrightDnsCache?: SharedDnsCache };
const sharedDns = (g.postwrightDnsCache ??= createSharedDnsCache(defaultCheckDeps.dns, {
  maxAgeMs: Number(process.env.POSTWRIGHT_DNS_CACHE_MS ?? 5000),
}));

export type CheckStreamEvent =
  | { type: "start"; ids: string[] }
  | { type: "result"; result: CheckResult }
  | {
      type: "done";
      changes: ReturnType<typeof changesSince>;
      finishedAt: string;
      dns: { sent: number; shared: number };
    }
  | { type: "error"; message: string };

/**
 * One run of the setup's checks through the process-wide DNS cache, each
 * result passed to `onResult` as soon as it is known. A full run is stored as
 * the setup's latest; a network-only run is not. Used by the page and the schedule.
 */
export async function runAndStoreChecks(
  setup: StoredSetup,
  scope: "all" | "network",
  opts: { signal?: AbortSignal; onResult?: (r: CheckResult) => void } = {},
): Promise<{ results: CheckResult[]; changes: ReturnType<typeof changesSince> }> {
  const only = scope === "network" ? networkCheckIds : undefined;
  const [input, previous] = await Promise.all([loadCheckInput(setup), latestCheckRun(setup.id)]);
  const startedAt = new Date();
  const results: CheckResult[] = [];
  for await (const result of runChecks({
    input,
    config: checkConfigFromEnv(process.env),
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
    if (scope === "all") await saveCheckRun(setup.id, startedAt, results);
    await markStepComplete(setup.id, scope === "all" ? "checks" : "network", stepDone(setup, results));
  }
  return { results, changes: changesSince(previousResults, results) };
}

/**
 * Whether a run completes its step: nothing fails. In relay mode a blocked
 * port 25 is expected (mail leaves through the relay), so it does not count;
 * nor does the mail server's TLS, which the later Mail server and Bundle steps
 * install (the Status page keeps checking it).
 */
function stepDone(setup: StoredSetup, results: CheckResult[]): boolean {
  const relay = setup.document.delivery.mode === "relay";
  return results.every((r) => r.status !== "fail" || (relay && r.id === "port25-outbound") || r.id === "smtp-tls");
}

/** One run as an NDJSON byte stream (each result as soon as it is known). */
export function streamCheckRun(
  setup: StoredSetup,
  scope: "all" | "network",
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const send = (e: CheckStreamEvent) => controller.enqueue(encoder.encode(JSON.stringify(e) + "\n"));
      try {
        send({ type: "start", ids: scope === "network" ? [...networkCheckIds] : [...checkIds] });
        const { changes } = await runAndStoreChecks(setup, scope, {
          signal,
          onResult: (result) => send({ type: "result", result }),
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
