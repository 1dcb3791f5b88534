// Live checks against the rig with a fixed delay added to every DNS question:
// the whole suite in parallel (one run, shared cache) next to the same checks
// run one after another, and the latency of the first result.
// Targets (issue #4): parallel ≤ 2× the longest chain of dependent queries, ≥ 5× faster than sequential.
import { dnsQuery, type DnsQuery } from "@/lib/net/dns-client";
import { checkIds, type CheckId } from "@/lib/checks/result";
import { runChecks } from "@/lib/checks/run-checks";
import { startChecksRig } from "../test/rig/checks-rig";
import { printTable } from "./lib";

const DELAY_MS = Number(process.env.BENCH_DNS_DELAY_MS ?? 100);
const rig = await startChecksRig({ net: "127.0.12" });
let questions = 0;
const delayed: DnsQuery = async (q, signal) => {
  questions++;
  await new Promise((r) => setTimeout(r, DELAY_MS));
  return dnsQuery(q, signal);
};
const config = { ...rig.config, deadlineMs: 30_000 };
const deps = { ...rig.deps, dns: delayed };

async function timed(only?: CheckId[]) {
  const started = performance.now();
  let first = 0;
  const statuses: string[] = [];
  for await (const r of runChecks({ input: rig.input, config, deps, only })) {
    if (!first) first = performance.now() - started;
    statuses.push(`${r.id}:${r.status}`);
  }
  return { total: performance.now() - started, first, statuses };
}

try {
  await timed(); // warm-up (module loading, TLS)
  questions = 0;
  const parallel = await timed();
  const parallelQuestions = questions;
  const alone: { id: CheckId; ms: number }[] = [];
  questions = 0;
  for (const id of checkIds) alone.push({ id, ms: (await timed([id])).total });
  const sequential = alone.reduce((s, a) => s + a.ms, 0);
  const longest = alone.reduce((m, a) => (a.ms > m.ms ? a : m));
  const chain = Math.round(longest.ms / DELAY_MS);
  printTable(`checks: ${checkIds.length} checks, ${DELAY_MS} ms added to every DNS question`, [
    {
      run: "parallel (one run, shared cache)",
      "total ms": Math.round(parallel.total),
      "first result ms": Math.round(parallel.first),
      "DNS questions": parallelQuestions,
    },
    {
      run: "sequential (each check alone)",
      "total ms": Math.round(sequential),
      "first result ms": Math.round(alone[0].ms),
      "DNS questions": questions,
    },
  ]);
  printTable(
    "slowest checks alone",
    [...alone]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((a) => ({ check: a.id, ms: Math.round(a.ms), "≈ chain of questions": Math.round(a.ms / DELAY_MS) })),
  );
  const speedup = sequential / parallel.total;
  const withinChain = parallel.total / longest.ms;
  console.log(
    `\nspeed-up ${speedup.toFixed(1)}× (target ≥ 5×); parallel / longest chain (${longest.id}, ≈${chain} questions deep) = ${withinChain.toFixed(2)} (target ≤ 2)`,
  );
  if (speedup < 5 || withinChain > 2) process.exitCode = 1;
} finally {
  await rig.stop();
}
