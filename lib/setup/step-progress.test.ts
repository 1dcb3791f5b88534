import { describe, expect, it } from "vitest";
import { doneSteps, type ProgressFacts } from "./step-progress";

const direct = { delivery: { mode: "direct" as const } };
const relay = { delivery: { mode: "relay" as const, host: "smtp.relay.test", port: 587, username: "u" } };
const facts = (f: Partial<ProgressFacts>): ProgressFacts => ({
  doc: direct,
  marks: [],
  latestChecks: null,
  certificate: false,
  ...f,
});

describe("step progress", () => {
  it("decides each step from the data: a stored setup has its Domain step done, and nothing else yet", () => {
    expect(doneSteps(facts({}))).toEqual(["domain"]);
  });

  it("counts a valid certificate however it was obtained, and the latest stored check run", () => {
    const checks = [
      { id: "mx", status: "pass" },
      { id: "spf", status: "warn" },
    ];
    expect(doneSteps(facts({ certificate: true, latestChecks: checks }))).toEqual(["domain", "checks", "certificate"]);
    expect(doneSteps(facts({ latestChecks: [...checks, { id: "dkim", status: "fail" }] }))).toEqual(["domain"]);
  });

  it("after a bundle download, Checks and Certificate still show their real state", () => {
    const done = doneSteps(facts({ marks: ["mail", "bundle"], latestChecks: [{ id: "mx", status: "fail" }] }));
    expect(done).toEqual(["domain", "mail", "bundle"]);
  });

  it("in relay mode the Network step is done and a blocked port 25 does not fail the Checks step", () => {
    const blocked = [{ id: "port25-outbound", status: "fail" }];
    expect(doneSteps(facts({ doc: relay, latestChecks: blocked }))).toEqual(["network", "domain", "checks"]);
    expect(doneSteps(facts({ latestChecks: blocked }))).toEqual(["domain"]);
  });

  it("keeps the steps marked by events: records published, a network run", () => {
    expect(doneSteps(facts({ marks: ["network", "dns"] }))).toEqual(["network", "domain", "dns"]);
  });
});
