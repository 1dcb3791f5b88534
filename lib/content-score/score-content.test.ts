import { describe, expect, it } from "vitest";
import { parseSpamAssassinReport, scorerConfigFromEnv } from "./score-content";

describe("SpamAssassin report", () => {
  it("reads spamc -R's score line and rule table", () => {
    const r = parseSpamAssassinReport(
      [
        "6.1/5.0",
        'Spam detection software, running on the system "box",',
        "has identified this incoming email as possible spam.",
        "",
        "Content analysis details:   (6.1 points, 5.0 required)",
        "",
        " pts rule name              description",
        "---- ---------------------- --------------------------------------------------",
        " 1.4 MISSING_DATE           Missing Date: header",
        " 0.1 MISSING_MID            Missing Message-Id: header",
        " 3.5 BAYES_99               BODY: Bayes spam probability is 99 to 100%",
        "                            [score: 1.0000]",
        "-0.0 NO_RELAYS              Informational: message was not relayed via SMTP",
        "",
      ].join("\n"),
    );
    expect([r.score, r.threshold]).toEqual([6.1, 5]);
    expect(r.rules.map((x) => x.name)).toEqual(["BAYES_99", "MISSING_DATE", "MISSING_MID", "NO_RELAYS"]);
    expect(r.rules[0].description).toBe("BODY: Bayes spam probability is 99 to 100% [score: 1.0000]");
  });

  it("refuses a bad scorer address, naming the variable", () => {
    expect(() => scorerConfigFromEnv({ POSTWRIGHT_SPAMD: "localhost" })).toThrow(/POSTWRIGHT_SPAMD/);
    expect(() => scorerConfigFromEnv({ POSTWRIGHT_RSPAMD_URL: "ftp://x" })).toThrow(/POSTWRIGHT_RSPAMD_URL/);
    expect(scorerConfigFromEnv({ POSTWRIGHT_RSPAMD_URL: "http://127.0.0.1:11335/" }).rspamdUrl).toBe(
      "http://127.0.0.1:11335",
    );
  });
});
