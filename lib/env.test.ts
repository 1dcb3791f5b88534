import { describe, expect, it } from "vitest";
import { environmentProblems } from "./env";

describe("environment", () => {
  it("accepts the defaults and sensible values", () => {
    expect(environmentProblems({})).toEqual([]);
    expect(
      environmentProblems({
        PORT: "8080",
        POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "0",
        POSTWRIGHT_RESOLVER: "127.0.0.1:5353",
      }),
    ).toEqual([]);
  });

  it("names each bad variable", () => {
    const problems = environmentProblems({
      PORT: "eighty",
      DATABASE_URL: "postgres://x",
      POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "-1",
      POSTWRIGHT_NS_PORT: "99999",
    });
    expect(problems.some((p) => p.startsWith('PORT="eighty": expected a port number'))).toBe(true);
    expect(problems.some((p) => p.startsWith("DATABASE_URL="))).toBe(true);
    expect(problems.some((p) => p.startsWith("POSTWRIGHT_CHECK_SCHEDULE_MINUTES="))).toBe(true);
    expect(problems.some((p) => /POSTWRIGHT_NS_PORT/.test(p))).toBe(true);
  });
});

describe("content scorer variables", () => {
  it("are checked at start-up", () => {
    expect(environmentProblems({ POSTWRIGHT_SPAMD: "localhost" })).toEqual([
      expect.stringMatching(/^POSTWRIGHT_SPAMD: expected HOST:PORT/),
    ]);
    expect(environmentProblems({ POSTWRIGHT_RSPAMD_URL: "http://127.0.0.1:11334" })).toEqual([]);
  });
});
