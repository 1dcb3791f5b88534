import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckId, CheckResult, CheckStatus } from "@/lib/checks/result";
import { collectChecks } from "@/lib/checks/run-checks";
import { corpus, expectedStatuses, type CorpusCase } from "./cases";
import { startWorld, type World } from "./world";

// Every planted fault and every valid-but-unusual configuration of cases.ts,
// each its own domain in one loopback Internet (world.ts), checked as a user
// would run the checks, asserting the status of every check.

let world: World;
const results = new Map<string, Promise<CheckResult[]>>();

/** The longest one case may take (its checks have 8 s deadlines; the slowest case takes ~15 s on a loaded machine). */
const CASE_LIMIT_MS = 90_000;

beforeAll(async () => {
  world = await startWorld({ net: "127.0.40", cases: corpus });
  // All cases, a few at a time (each waits mostly on its deadlines), in the background:
  // each test awaits its own case, so a case that never ends fails alone, by name.
  const queue = [...corpus];
  const settle = new Map<string, (run: Promise<CheckResult[]>) => void>();
  for (const c of corpus) results.set(c.id, new Promise((resolve) => settle.set(c.id, resolve)));
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const p = world.cases.get(c.id)!;
      const run = collectChecks({ input: p.input, config: p.config, deps: world.deps });
      settle.get(c.id)!(run);
      await Promise.race([run.catch(() => {}), new Promise((r) => setTimeout(r, CASE_LIMIT_MS).unref())]);
    }
  };
  for (let i = 0; i < 4; i++) void worker();
}, 120_000);
afterAll(() => world?.stop());

function differences(actual: Record<string, string>, expected: Record<string, string>) {
  const ids = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return Object.fromEntries(
    [...ids].filter((id) => actual[id] !== expected[id]).map((id) => [id, `${actual[id]} (expected ${expected[id]})`]),
  );
}

function describeRun(r: CheckResult[]): string {
  return r
    .filter((x) => x.status !== "pass")
    .map((x) => `${x.id}: ${x.status} ${x.summary}`)
    .join("\n");
}

const byKind = (kind: CorpusCase["kind"]) => corpus.filter((c) => c.kind === kind);

/** A case's results, or its failure by name once it has run far longer than CASE_LIMIT_MS. */
function resultsOf(id: string): Promise<CheckResult[]> {
  return Promise.race([
    results.get(id)!,
    new Promise<never>((_, fail) =>
      setTimeout(
        () => fail(new Error(`${id}: the checks did not end within ${CASE_LIMIT_MS} ms`)),
        CASE_LIMIT_MS * 3,
      ).unref(),
    ),
  ]);
}

for (const kind of ["fault", "valid"] as const) {
  describe(kind === "fault" ? "planted faults" : "valid but unusual configurations", () => {
    for (const c of byKind(kind)) {
      it(`${c.id}: ${c.title} (${c.ref})`, { timeout: CASE_LIMIT_MS * 4 }, async () => {
        const r = await resultsOf(c.id);
        const actual = Object.fromEntries(r.map((x) => [x.id, x.status]));
        expect(differences(actual, expectedStatuses(c)), describeRun(r)).toEqual({});
      });
    }
  });
}

it("the corpus is large enough and says what it measures", { timeout: CASE_LIMIT_MS * 4 }, async () => {
  const faults = byKind("fault");
  const valid = byKind("valid");
  expect(faults.length).toBeGreaterThanOrEqual(60);
  expect(valid.length).toBeGreaterThanOrEqual(15);
  // Caught: the targeted check says warn or fail, as expected. False alarm: anything but pass/skip on a valid case.
  let caught = 0;
  for (const c of faults) {
    const r = await resultsOf(c.id);
    if (c.target.every((id) => r.find((x) => x.id === id)?.status === c.expect[id])) caught++;
  }
  let alarms = 0;
  for (const c of valid) {
    const r = await resultsOf(c.id);
    alarms += r.filter((x) => x.status !== "pass" && x.status !== expectedStatuses(c)[x.id]).length;
  }
  console.log(
    `corpus: ${caught}/${faults.length} faults caught, ${alarms} false alarms on ${valid.length} valid cases`,
  );
  expect(caught).toBe(faults.length);
  expect(alarms).toBe(0);
});

export type { CheckId, CheckStatus };
