import "server-only";
import { setMaxListeners } from "node:events";
import { allChecks } from "./all-checks";
import { CheckContext, createRunState, type CheckDeps, type CheckInput } from "./check-context";
import type { CheckConfig } from "./config";
import { dnsQuery } from "@/lib/net/dns-client";
import type { CheckId, CheckResult } from "./result";
import { tcpDial } from "@/lib/net/tcp-dial";
import { errorMessage, errorRef, toResult, type Verdict, verdict } from "./verdict";
import type { CheckNeed } from "./check";
import { formatHostPort } from "@/lib/net/host-port";

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
 * Runs the checks in parallel, sharing one DNS cache (single-flight), and
 * yields each result as soon as it is known. First a preflight (the "network"
 * check) and, for the checks about the domain, its nameservers: when the
 * resolver or the Internet cannot be reached, or no nameserver answers, the
 * checks that depend on them are "not checked" (skip, naming the cause) rather
 * than each an error. Then each check has its own deadline (config.deadlineMs),
 * counted from when it starts its own work.
 */
export async function* runChecks(opts: RunChecksOptions): AsyncGenerator<CheckResult> {
  const deps: CheckDeps = { ...defaultCheckDeps, ...opts.deps };
  const { deadlineMs } = opts.config;
  const runSignal = opts.signal ?? new AbortController().signal;
  setMaxListeners(0, runSignal);
  const run = createRunState(opts.input, opts.config, deps, runSignal);
  const wanted = opts.only ? new Set<CheckId>(["network", ...opts.only]) : null;
  const checks = wanted ? allChecks.filter((c) => wanted.has(c.id)) : allChecks;

  const ready: CheckResult[] = [];
  let wake: (() => void) | null = null;
  let pending = checks.length;
  for (const check of checks) {
    const started = deps.now();
    const finish = (result: CheckResult) => {
      ready.push({ ...result, durationMs: deps.now() - started });
      pending--;
      wake?.();
    };
    const gateCtx = new CheckContext(run, runSignal);
    unmetNeed(gateCtx, check.needs ?? [])
      .then(async (unmet) => {
        if (unmet) return toResult(check.id, unmet, []);
        // The nameservers' answers are shared by the run and bounded by their own timeouts: not part of a check's time.
        if (check.id === "ns") await gateCtx.nameserverHealth().catch(() => null);
        const signal = AbortSignal.any([runSignal, AbortSignal.timeout(deadlineMs)]);
        setMaxListeners(0, signal);
        const ctx = new CheckContext(run, signal);
        // A little grace after the deadline lets a check say which server stayed silent.
        const deadline = new Promise<never>((_, reject) => {
          const stop = () => setTimeout(() => reject(new Error("deadline")), GRACE_MS);
          if (signal.aborted) stop();
          else signal.addEventListener("abort", stop, { once: true });
        });
        deadline.catch(() => {});
        try {
          const out = await Promise.race([check.run(ctx), deadline]);
          return toResult(check.id, out.verdict, out.details);
        } catch (e) {
          return signal.aborted && !runSignal.aborted
            ? toResult(check.id, verdict("error", "common.deadline", { ms: deadlineMs }, "common.deadlineFix"), [
                { note: errorMessage(e), noteRef: errorRef(e), status: "error" },
              ])
            : toResult(check.id, verdict("error", "common.crashed", { error: errorRef(e) }), [
                { note: errorMessage(e), noteRef: errorRef(e), status: "error" },
              ]);
        }
      })
      .catch((e) =>
        toResult(check.id, verdict("error", "common.crashed", { error: errorRef(e) }), [
          { note: errorMessage(e), noteRef: errorRef(e), status: "error" },
        ]),
      )
      .then(finish);
  }
  while (pending > 0 || ready.length) {
    if (!ready.length) await new Promise<void>((r) => (wake = r));
    wake = null;
    while (ready.length) yield ready.shift()!;
  }
}

/** Why a check cannot say anything in this run (a "not checked" verdict), or null when what it needs works. */
async function unmetNeed(ctx: CheckContext, needs: CheckNeed[]): Promise<Verdict | null> {
  if (!needs.length) return null;
  const network = ctx.network();
  if (needs.includes("online")) {
    const [resolver, internet] = await Promise.all([network.resolver, network.internet]);
    if (!resolver.ok && internet.ok === false) return verdict("skip", "common.notChecked.offline");
  }
  if (needs.includes("echo") && (await network.internet).ok === false) return verdict("skip", "common.notChecked.echo");
  if ((needs.includes("resolver") || needs.includes("nameservers")) && !(await network.resolver).ok)
    return verdict("skip", "common.notChecked.resolver", { resolver: formatHostPort(ctx.config.resolver) });
  if (needs.includes("nameservers")) {
    const domain = ctx.setup.domain;
    const health = await ctx.nameserverHealth().catch(() => null);
    if (!health) return verdict("skip", "common.notChecked.noNameservers", { domain });
    if (!health.some((h) => h.ok)) return verdict("skip", "common.notChecked.nameserversSilent", { domain });
  }
  return null;
}

/** All results at once, in the checks' listing order. */
export async function collectChecks(opts: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for await (const r of runChecks(opts)) results.push(r);
  const order = allChecks.map((c) => c.id);
  return results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}
