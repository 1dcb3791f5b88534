import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScorerConfig, scoreContent, type ScorerConfig } from "@/lib/content-score/score-content";
import { startRspamd, type RspamdServer } from "../rig/rspamd";
import { CLOSED_PORT } from "../rig/ports";

let rspamd: RspamdServer;
let config: ScorerConfig;
const noSpamAssassin = { spamc: "/nonexistent/spamc", spamassassin: "/nonexistent/spamassassin" };

const msg = (headers: string[], body: string) => Buffer.from([...headers, "", body].join("\r\n"));

beforeAll(async () => {
  rspamd = await startRspamd();
  config = { ...defaultScorerConfig, ...noSpamAssassin, rspamdUrl: rspamd.url };
}, 300_000);
afterAll(async () => {
  await rspamd?.stop();
});

describe("content score", () => {
  it("asks the box's rspamd and lists the rules that fired in plain words", async () => {
    const spammy = msg(
      ["From: a@example.test", "To: b@example.test", "Subject: FREE MONEY!!! CLICK NOW"],
      "YOU WON A MILLION DOLLARS!!! Click http://bit.ly/xyz now to claim your prize, act now!!!",
    );
    const s = await scoreContent(spammy, config);
    expect(s.scorer).toBe("rspamd");
    expect(s.threshold).toBeGreaterThan(0);
    const missingDate = s.rules.find((r) => r.name === "MISSING_DATE");
    expect(missingDate?.description).toMatch(/date/i);
    expect(missingDate!.score).toBeGreaterThan(0);
    const clean = msg(
      [
        "From: Anna <anna@example.test>",
        "To: Bob <bob@example.test>",
        "Subject: Lunch on Friday",
        "Date: Wed, 01 May 2024 17:00:00 +0000",
        "Message-ID: <20240501170000.1@example.test>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
      ],
      "Hi Bob,\r\n\r\nare we still on for lunch on Friday? The usual place at noon.\r\n\r\nAnna\r\n",
    );
    const c = await scoreContent(clean, config);
    expect(c.score!).toBeLessThan(s.score!);
    expect(c.rules.find((r) => r.name === "MISSING_DATE")).toBeUndefined();
  }, 60_000);

  it("says plainly when no scorer is available", async () => {
    const closed = CLOSED_PORT;
    const s = await scoreContent(msg(["From: a@example.test"], "hi"), {
      ...config,
      rspamdUrl: `http://127.0.0.1:${closed}`,
    });
    expect(s.scorer).toBe("none");
    expect(s.tried).toHaveLength(2);
    expect(s.tried[0]).toMatch(/^rspamd at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(s.tried[1]).toMatch(/SpamAssassin .*ENOENT/);
  });
});
