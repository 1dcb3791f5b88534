import "server-only";
import { setMaxListeners } from "node:events";
import { allChecks } from "./all-checks";
import { CheckContext, createRunState, type CheckDeps, type CheckInput } from "./check-context";
import type { CheckConfig } from "./config";
import { dnsQuery } from "@/lib/net/dns-client";
import type { CheckId, CheckResult } from "./result";
import { tcpDial } from "@/lib/net/tcp-dial";
import { errorMessage, toResult, verdict } from "./verdict";

export interface RunChecksOptions {
  input: CheckInput;
  config: CheckConfig;
  /** Replace the network (tests, bench); defaults: dns-packet over UDP/TCP, net.connect, Date.now. */
  deps?: Partial<CheckDeps>;
  /** Run only these checks. */
  only?: CheckId[];
  /** Stops the whole run (e.g. the page was closed). */
  signal?: AbortSignal;
}

const GRACE_MS = 150;

export const defaultCheckDeps: CheckDeps = { dns: dnsQuery, dial: tcpDial, now: () => Date.now() };

/**
 * Runs the checks in parallel, each with its own deadline (config.deadlineMs),
 * sharing one DNS cache (single-flight), and yields each result as soon as it
 * is known, so a dead blocklist or nameserver costs its deadline, not the run.
 */
export async function* runChecks(opts: RunChecksOptions): AsyncGenerator<CheckResult> {
  const deps: CheckDeps = { ...defaultCheckDeps, ...opts.deps };
  const { deadlineMs } = opts.config;
  const runSignal = opts.signal
    ? AbortSignal.any([opts.signal, AbortSignal.timeout(deadlineMs)])
    : AbortSignal.timeout(deadlineMs);
  setMaxListeners(0, runSignal);
  const run = createRunState(opts.input, opts.config, deps, runSignal);
  const checks = opts.only ? allChecks.filter((c) => opts.only!.includes(c.id)) : allChecks;

  const ready: CheckResult[] = [];
  let wake: (() => void) | null = null;
  let pending = checks.length;
  for (const check of checks) {
    const signal = runSignal;
    const started = deps.now();
    const ctx = new CheckContext(run, signal);
    // A little grace after the deadline lets a check say which server stayed silent.
    const deadline = new Promise<never>((_, reject) => {
      const stop = () => setTimeout(() => reject(new Error("deadline")), GRACE_MS);
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    });
    deadline.catch(() => {});
    Promise.race([check.run(ctx), deadline])
      .then(
        (out) => toResult(check.id, out.verdict, out.details),
        (e) =>
          signal.aborted && !opts.signal?.aborted
            ? toResult(check.id, verdict("error", "common.deadline", { ms: deadlineMs }, "common.deadlineFix"), [
                { note: errorMessage(e), status: "error" },
              ])
            : toResult(check.id, verdict("error", "common.crashed", { error: errorMessage(e) }), [
                { note: errorMessage(e), status: "error" },
              ]),
      )
      .then((result) => {
        ready.push({ ...result, durationMs: deps.now() - started });
        pending--;
        wake?.();
      });
  }
  while (pending > 0 || ready.length) {
    if (!ready.length) await new Promise<void>((r) => (wake = r));
    wake = null;
    while (ready.length) yield ready.shift()!;
  }
}

/** All results at once, in the checks' listing order. */
export async function collectChecks(opts: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for await (const r of runChecks(opts)) results.push(r);
  const order = allChecks.map((c) => c.id);
  return results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}
