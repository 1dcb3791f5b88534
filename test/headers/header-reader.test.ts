import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dnsQuery } from "@/lib/net/dns-client";
import { mailauthResolver } from "@/lib/headers/mailauth-resolver";
import { readReceivedMessage } from "@/lib/headers/read-message";
import { headerReportJson, renderHeaderMessage } from "@/lib/headers/verdict";
import { startBind, type BindServer } from "../rig/bind";
import { buildCorpus, corpusZones, makeKeys, type CorpusCase } from "./corpus";

let bind: BindServer;
let corpus: CorpusCase[];
const resolver = () =>
  mailauthResolver((name, type) =>
    dnsQuery({ server: { host: bind.address, port: bind.port }, name, type, recurse: true }, AbortSignal.timeout(5000)),
  );

beforeAll(async () => {
  const keys = await makeKeys();
  bind = await startBind({ address: "127.0.31.1", zones: corpusZones(keys) });
  corpus = await buildCorpus(keys);
}, 60_000);
afterAll(async () => {
  await bind?.stop();
});

describe("header reader against the corpus (keys served by BIND)", () => {
  it("names the receiver and the verdict of each mechanism, with the right cause and fix", async () => {
    for (const c of corpus) {
      const report = await readReceivedMessage(c.source, { resolver: resolver() });
      expect(report.receiver, c.name).toBe(c.receiver);
      const got = Object.fromEntries(
        report.verdicts.map((v) => [`${v.mechanism}/${v.source}`, [v.status, v.reason.key, v.fix?.key]]),
      );
      for (const [k, [status, reason, fix]] of Object.entries(c.expect)) {
        expect(
          got[k]?.slice(0, 2),
          `${c.name}: ${k} ${JSON.stringify(report.verdicts.find((v) => `${v.mechanism}/${v.source}` === k))}`,
        ).toEqual([status, reason]);
        if (fix) expect(got[k]?.[2], `${c.name}: ${k} fix`).toBe(fix);
      }
      expect(report.dmarcPassed, c.name).toBe(c.dmarcPassed);
      for (const v of report.verdicts)
        expect(renderHeaderMessage(v.reason)).not.toMatch(/\{\w+\}|^(spf|dkim|dmarc|arc|spam)\./);
    }
  });

  it("finds the address that handed the message over, and the envelope sender", async () => {
    const [pass, relay, yahoo, fastmail] = corpus;
    const r = resolver();
    expect((await readReceivedMessage(pass.source, { resolver: r })).sendingIp).toBe("192.0.2.10");
    const viaRelay = await readReceivedMessage(relay.source, { resolver: r });
    expect([viaRelay.sendingIp, viaRelay.envelopeFrom]).toEqual(["198.51.100.25", "anna@example.test"]);
    expect((await readReceivedMessage(yahoo.source, { resolver: r })).sendingIp).toBe("192.0.2.10");
    expect((await readReceivedMessage(fastmail.source, { resolver: r })).sendingIp).toBe("192.0.2.10");
  });

  it("prints exactly the JSON shape of the issue", async () => {
    const json = headerReportJson(await readReceivedMessage(corpus[4].source, { resolver: resolver() }));
    for (const v of json.verdicts) {
      expect(Object.keys(v).every((k) => ["mechanism", "source", "status", "reason", "fix"].includes(k))).toBe(true);
      expect(["spf", "dkim", "dmarc", "arc", "spam"]).toContain(v.mechanism);
      expect(["receiver", "postwright"]).toContain(v.source);
      expect(["pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"]).toContain(v.status);
    }
    expect(json.verdicts.find((v) => v.mechanism === "dmarc" && v.source === "postwright")?.fix).toMatch(/DKIM/);
  });
});
