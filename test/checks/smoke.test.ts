import { afterAll, beforeAll, expect, it } from "vitest";
import { collectChecks } from "@/lib/checks/run-checks";
import { startChecksRig, type ChecksRig } from "../rig/checks-rig";

let rig: ChecksRig;
beforeAll(async () => {
  rig = await startChecksRig({ net: "127.0.12" });
});
afterAll(() => rig?.stop());

it("smoke", async () => {
  const results = await collectChecks({ input: rig.input, config: rig.config, deps: rig.deps });
  for (const r of results) console.log(r.id, r.status, r.summary, r.status !== "pass" ? JSON.stringify(r.details) : "");
  expect(results.length).toBe(20);
});
