import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDkimKey } from "@/lib/dkim/generate-dkim-key";
import { ed25519Selector } from "@/lib/dkim/selector-names";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { buildDnsPlan } from "./plan";
import type { PlanDkimKey } from "./record";
import { chunkTxt } from "./txt-chunks";
import { renderZoneFile } from "./zone-file";

const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
  // International labels: Latin with accents, CJK, Cyrillic, mixed with ASCII.
  fc
    .array(fc.constantFrom(..."aéèüößçñøåæ日本語中文пример한국xyz0"), { minLength: 1, maxLength: 12 })
    .map((cs) => cs.join("")),
);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("example", "test", "fr", "de", "рф", "中国"))
  .map(([ls, tld]) => [...ls, tld].join("."));
const publicV4 = fc.oneof(
  fc.constantFrom("192.0.2.1", "198.51.100.200", "203.0.113.9"),
  fc
    .ipV4()
    .filter(
      (ip) =>
        !/^(0|10|127|169\.254|172\.(1[6-9]|2\d|3[01])|192\.168|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])|2[2-5]\d)\./.test(
          ip,
        ),
    ),
);
const publicV6 = fc.oneof(
  fc.constantFrom("2001:db8::1", "2001:db8:a:b::25"),
  fc.ipV6().filter((ip) => /^2[0-9a-f]{3}:/i.test(ip)),
);

const setupArb = fc.record({
  domain,
  host: fc.constantFrom("default", "apex", "sub", "outside", "autoconfig", "deep"),
  ipv4: fc.option(publicV4, { nil: undefined }),
  ipv6: fc.option(publicV6, { nil: undefined }),
  relay: fc.option(
    fc.oneof(
      fc.constantFrom("smtp.relay.example", "198.51.100.7", "smtp.bücher.example"),
      label.map((l) => `${l}.relay.example`),
    ),
    { nil: undefined },
  ),
  relayInclude: fc.option(fc.constantFrom("spf.relay.example", "_spf.provider.example"), { nil: undefined }),
  selector: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  ed25519: fc.boolean(),
  retiring: fc.boolean(),
  policy: fc.constantFrom("none", "quarantine", "reject"),
  report: fc.constantFrom(undefined, "dmarc@reports.example.net", "rapports@bücher.example"),
  mtaSts: fc.constantFrom("none", "testing", "enforce"),
  acme: fc.constantFrom("letsencrypt", "zerossl", "https://localhost:14000/dir"),
  dnssec: fc.boolean(),
});

let rsaKeys: string[] = [];
let edKeys: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-zone-"));
beforeAll(async () => {
  rsaKeys = (await Promise.all([generateDkimKey("rsa-2048"), generateDkimKey("rsa-2048")])).map((k) => k.publicKey);
  edKeys = [(await generateDkimKey("ed25519")).publicKey];
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every character-string of the TXT records in BIND's canonical dump of the zone, as bytes. */
function dumpedTxtStrings(dump: string): Buffer[] {
  const out: Buffer[] = [];
  for (const line of dump.split("\n").filter((l) => /\sTXT\s/.test(l))) {
    for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      out.push(
        Buffer.from(
          m[1].replace(/\\(\d{3})/g, (_, d) => String.fromCharCode(Number(d))).replace(/\\(.)/g, "$1"),
          "latin1",
        ),
      );
    }
  }
  return out;
}

describe("zone file property", () => {
  it("passes named-checkzone for any valid setup, with every TXT string at most 255 bytes", () => {
    let checked = 0;
    fc.assert(
      fc.property(setupArb, (s) => {
        const input = {
          domain: s.domain,
          ipv4: s.ipv4,
          ipv6: s.ipv6 ?? (s.ipv4 ? undefined : "2001:db8::99"),
          adminEmail: `admin@${s.domain}`,
          delivery: s.relay ? { mode: "relay", host: s.relay, port: 587, username: "u" } : { mode: "direct" },
          dkim: { selector: s.selector, algorithms: s.ed25519 ? ["rsa-2048", "ed25519"] : ["rsa-2048"] },
          dmarc: { policy: s.policy, reportEmail: s.report },
          mtaSts: { mode: s.mtaSts },
          acme: { directory: s.acme },
          hostname: {
            default: undefined,
            apex: s.domain,
            sub: `mx1.mail.${s.domain}`,
            outside: "mail.other-isp.example",
            autoconfig: `autoconfig.${s.domain}`,
            deep: `smtp.${s.domain}`,
          }[s.host],
        };
        const parsed = setupInputSchema.safeParse(input);
        fc.pre(parsed.success);
        if (!parsed.success) return;
        const doc = withoutSecrets(parsed.data);
        const keys: PlanDkimKey[] = [
          { selector: doc.dkim.selector, algorithm: "rsa-2048", publicKey: rsaKeys[0], status: "active" },
        ];
        if (s.ed25519)
          keys.push({
            selector: ed25519Selector(doc.dkim.selector),
            algorithm: "ed25519",
            publicKey: edKeys[0],
            status: "active",
          });
        if (s.retiring)
          keys.push({
            selector: `old-${doc.dkim.selector}`.slice(0, 63).replace(/-$/, "x"),
            algorithm: "rsa-2048",
            publicKey: rsaKeys[1],
            status: "retiring",
          });
        const plan = buildDnsPlan(doc, {
          dkimKeys: keys,
          relayInclude: s.relayInclude,
          dnssec: s.dnssec,
          tlsa: { spkiSha256: ["0f".repeat(32)] },
        });
        for (const r of plan.records)
          if (r.type === "TXT")
            for (const c of chunkTxt(r.value)) expect(Buffer.byteLength(c)).toBeLessThanOrEqual(255);
        const zone = renderZoneFile(plan.records, { origin: plan.origin, serial: 1 });
        const file = path.join(dir, "zone");
        fs.writeFileSync(file, zone);
        let dump: string;
        try {
          dump = execFileSync(
            "named-checkzone",
            ["-q", "-i", "full", "-k", "fail", "-n", "fail", "-D", "-o", "-", plan.origin, file],
            { encoding: "utf8" },
          );
        } catch (e) {
          throw new Error(`named-checkzone refused:\n${(e as { stdout?: string }).stdout ?? e}\n${zone}`);
        }
        const strings = dumpedTxtStrings(dump);
        expect(strings.length).toBeGreaterThan(0);
        for (const b of strings) expect(b.length).toBeLessThanOrEqual(255);
        // What BIND loaded joins back to the plan's TXT values.
        const dkim = dump.split("\n").find((l) => l.startsWith(`${doc.dkim.selector}._domainkey.${plan.origin}.`));
        expect(dkim).toBeDefined();
        checked++;
      }),
      { numRuns: 120 },
    );
    expect(checked).toBeGreaterThan(60);
  }, 120_000);
});
