import { describe, expect, it } from "vitest";
import { overallVerdict } from "./overall-verdict";
import type { CheckResult, CheckStatus } from "./result";

const r = (id: string, status: CheckStatus) =>
  ({ id, status, summary: "", summaryRef: { key: "x" }, details: [] }) as unknown as CheckResult;
const ids = ["mx", "spf", "smtp-tls"];

describe("overallVerdict", () => {
  it("says mail flows only when every check ran and none failed", () => {
    expect(
      overallVerdict(ids, { mx: r("mx", "pass"), spf: r("spf", "warn"), "smtp-tls": r("smtp-tls", "pass") }),
    ).toEqual({
      kind: "ok",
      warnings: 1,
    });
    expect(overallVerdict(ids, { mx: r("mx", "pass") })).toEqual({ kind: "unknown" });
    expect(overallVerdict(ids, {})).toEqual({ kind: "unknown" });
  });
  it("names what blocks it: failures, checks that could not run, a server not installed yet", () => {
    expect(
      overallVerdict(ids, { mx: r("mx", "fail"), spf: r("spf", "error"), "smtp-tls": r("smtp-tls", "skip") }),
    ).toEqual({ kind: "blocked", blockers: ["mx", "spf", "smtp-tls"] });
    expect(overallVerdict(ids, { spf: r("spf", "fail") })).toEqual({ kind: "blocked", blockers: ["spf"] });
  });
});
