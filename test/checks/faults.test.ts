import { generateDkimKey } from "@/lib/dkim/generate-dkim-key";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckId, CheckResult, CheckStatus } from "@/lib/checks/result";
import { collectChecks, runChecks } from "@/lib/checks/run-checks";
import { REV4_ZONE, startBlackhole, startChecksRig, type ChecksRig } from "../rig/checks-rig";

// The checks against real BIND on loopback, with a zone made from the setup's own DNS plan;
// then one fault at a time, as a user would get it wrong at a registrar or an ISP.

const baseline: Record<CheckId, CheckStatus> = {
  "public-ip": "pass",
  cgnat: "pass",
  "port25-outbound": "pass",
  ns: "pass",
  a: "pass",
  aaaa: "pass",
  mx: "pass",
  ptr: "pass",
  spf: "pass",
  dkim: "pass",
  dmarc: "pass",
  "mta-sts": "pass",
  "tls-rpt": "pass",
  caa: "pass",
  srv: "pass",
  // The rig's zone is not signed (DNSSEC is optional; DANE needs it), and no mail server runs here.
  dnssec: "skip",
  tlsa: "skip",
  dnsbl: "pass",
  "dynamic-ip": "pass",
  "smtp-tls": "skip",
};

let rig: ChecksRig;
const statuses = async () =>
  Object.fromEntries(
    (await collectChecks({ input: rig.input, config: rig.config, deps: rig.deps })).map((r) => [r.id, r.status]),
  );
const results = () => collectChecks({ input: rig.input, config: rig.config, deps: rig.deps });

beforeAll(async () => {
  rig = await startChecksRig({ net: "127.0.12" });
});
afterAll(() => rig?.stop());

/** The checks whose status differs from `expected`, with both: {} when all match (readable failures). */
function differences(actual: Record<string, string>, expected: Record<string, string>) {
  const ids = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return Object.fromEntries(
    [...ids].filter((id) => actual[id] !== expected[id]).map((id) => [id, `${actual[id]} (expected ${expected[id]})`]),
  );
}
const expectStatuses = (actual: Record<string, string>, expected: Record<string, string>) =>
  expect(differences(actual, expected)).toEqual({});

const line = (re: RegExp) => (t: string) =>
  t
    .split("\n")
    .filter((l) => !re.test(l))
    .join("\n");

describe("live checks against BIND", () => {
  it("pass on the zone made from the setup's own plan", async () => {
    const all = await results();
    expectStatuses(Object.fromEntries(all.map((r) => [r.id, r.status])), baseline);
    const mx = all.find((r) => r.id === "mx")!;
    // Asked each nameserver directly, and the resolver.
    expect(mx.details.map((d) => d.source)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ns1\.example\.test/),
        expect.stringMatching(/^ns2\.example\.test/),
        expect.stringMatching(/^resolver/),
      ]),
    );
  });

  const zoneFaults: {
    name: string;
    edit: (t: string) => string;
    expect: Partial<Record<CheckId, CheckStatus>>;
    extra?: string;
  }[] = [
    { name: "missing MX", edit: line(/ IN MX /), expect: { mx: "fail" } },
    {
      name: "MX pointing at a CNAME",
      edit: (t) =>
        t.replace(/IN MX 10 mail\.example\.test\./, "IN MX 10 alias.example.test.") +
        "alias 60 IN CNAME mail.example.test.\n",
      expect: { mx: "fail" },
    },
    // The A record is also the forward half of the PTR check and the HELO SPF's "a": receivers see all three (mta-sts.DOMAIN is still served over IPv6).
    {
      name: "A record with the wrong address",
      edit: (t) => t.replace(/^mail (\d+) IN A 192\.0\.2\.10$/m, "mail $1 IN A 192.0.2.99"),
      expect: { a: "fail", ptr: "fail", spf: "warn" },
    },
    { name: "two SPF records", edit: (t) => t + '@ 60 IN TXT "v=spf1 a -all"\n', expect: { spf: "fail" } },
    {
      name: "SPF with 11 lookups",
      edit: (t) =>
        t.replace(
          /"v=spf1 ip4:192\.0\.2\.10 ip6:2001:db8::10 -all"/,
          `"v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 " ${Array.from({ length: 11 }, (_, i) => `"include:_s${i}.example.test "`).join(" ")} "-all"`,
        ) + Array.from({ length: 11 }, (_, i) => `_s${i} 60 IN TXT "v=spf1 -all"\n`).join(""),
      expect: { spf: "fail" },
    },
    {
      name: "SPF not covering the IPv6 address",
      edit: (t) => t.replace(" ip6:2001:db8::10 -all", " -all"),
      expect: { spf: "fail" },
    },
    { name: "DMARC missing", edit: line(/^_dmarc /), expect: { dmarc: "fail" } },
    { name: "DMARC p=none", edit: (t) => t.replace("p=quarantine", "p=none"), expect: { dmarc: "warn" } },
    {
      name: "MTA-STS id not matching the policy",
      edit: (t) => t.replace(/v=STSv1; id=[0-9a-f]+/, "v=STSv1; id=20250101000000"),
      expect: { "mta-sts": "fail" },
    },
    {
      name: "CAA naming another CA",
      edit: (t) => t.replace('issue "letsencrypt.org"', 'issue "otherca.test"'),
      expect: { caa: "fail" },
    },
    {
      name: "DKIM record truncated",
      edit: (t) => t.replace(/(pw1\._domainkey[^\n]*?p=)([A-Za-z0-9+/]{40})[^\n"]*/, "$1$2"),
      expect: { dkim: "fail" },
    },
  ];

  for (const f of zoneFaults) {
    it(`catches: ${f.name}`, async () => {
      const text = rig.domainZone(f.edit);
      const unserialed = (t: string) => t.replace(/SOA (\S+ \S+ \( )\d+/, "SOA $1");
      expect(unserialed(text)).not.toEqual(unserialed(rig.domainZone())); // the edit applied
      await rig.publish(text);
      try {
        expectStatuses(await statuses(), { ...baseline, ...f.expect });
      } finally {
        await rig.publish(rig.domainZone());
      }
    });
  }

  it("catches: DKIM key from another keypair", async () => {
    const other = await generateDkimKey("rsa-2048");
    const rsa = rig.dkimKeys.find((k) => k.algorithm === "rsa-2048")!.publicKey;
    const text = rig.domainZone((t) =>
      t
        .replace(rsa.slice(0, 200), other.publicKey.slice(0, 200))
        .replace(rsa.slice(200, 392), other.publicKey.slice(200, 392)),
    );
    await rig.publish(text);
    try {
      const r = await results();
      expectStatuses(Object.fromEntries(r.map((x) => [x.id, x.status])), { ...baseline, dkim: "fail" });
      expect(r.find((x) => x.id === "dkim")!.summaryRef.key).toBe("dkim.mismatch");
    } finally {
      await rig.publish(rig.domainZone());
    }
  });

  it("catches: a second nameserver serving an older serial", async () => {
    await rig.publish(rig.domainZone(), "ns1");
    try {
      expectStatuses(await statuses(), { ...baseline, ns: "fail" });
    } finally {
      await rig.publish(rig.domainZone());
    }
  });

  const reverseFaults = [
    { name: "PTR missing", body: "", expect: { ptr: "fail" } },
    { name: "PTR name not resolving back", body: "10 IN PTR host.nowhere.example.test.", expect: { ptr: "fail" } },
  ] as const;
  for (const f of reverseFaults) {
    it(`catches: ${f.name}`, async () => {
      await rig.setHelperZone(REV4_ZONE, f.body);
      try {
        expectStatuses(await statuses(), { ...baseline, ...f.expect });
      } finally {
        await rig.setHelperZone(REV4_ZONE, `10 IN PTR ${rig.setup.hostname}.`);
      }
    });
  }

  it("catches: a blocklist listing the IP", async () => {
    await rig.setHelperZone("bl1.test", "10.2.0.192 IN A 127.0.0.2");
    try {
      const r = await results();
      expectStatuses(Object.fromEntries(r.map((x) => [x.id, x.status])), { ...baseline, dnsbl: "fail" });
      expect(r.find((x) => x.id === "dnsbl")!.summary).toContain("bl1.test");
    } finally {
      await rig.setHelperZone("bl1.test", "");
    }
  });

  it("reports a blocklist answering 127.255.255.254 as an error, never a listing", async () => {
    await rig.setHelperZone("bl2.test", "10.2.0.192 IN A 127.255.255.254");
    try {
      const r = await results();
      expectStatuses(Object.fromEntries(r.map((x) => [x.id, x.status])), { ...baseline, dnsbl: "error" });
      expect(r.find((x) => x.id === "dnsbl")!.summaryRef.key).toBe("dnsbl.publicResolver");
    } finally {
      await rig.setHelperZone("bl2.test", "");
    }
  });

  it("a PBL listing (127.0.0.11) feeds dynamic-ip, not dnsbl", async () => {
    await rig.setHelperZone("bl1.test", "10.2.0.192 IN A 127.0.0.11");
    try {
      expectStatuses(await statuses(), { ...baseline, "dynamic-ip": "fail" });
    } finally {
      await rig.setHelperZone("bl1.test", "");
    }
  });

  it("a nameserver that never answers costs only its own checks their deadline", async () => {
    const hole = await startBlackhole("127.0.12.3", rig.nsPort);
    await rig.publish(rig.domainZone((t) => t.replace(/^ns2 60 IN A .*$/m, "ns2 60 IN A 127.0.12.3")));
    try {
      const deadlineMs = 1500;
      const started = Date.now();
      const r: CheckResult[] = [];
      const arrivals: number[] = [];
      for await (const x of runChecks({ input: rig.input, config: { ...rig.config, deadlineMs }, deps: rig.deps })) {
        r.push(x);
        arrivals.push(Date.now() - started);
      }
      const took = Date.now() - started;
      // Streamed as each finished: the quick ones long before the slowest.
      expect(arrivals[0]).toBeLessThan(deadlineMs / 2);
      const asksEveryNs: CheckId[] = [
        "ns",
        "a",
        "aaaa",
        "mx",
        "spf",
        "dkim",
        "dmarc",
        "mta-sts",
        "tls-rpt",
        "caa",
        "srv",
      ];
      const expected = { ...baseline, ...Object.fromEntries(asksEveryNs.map((id) => [id, "error"])) };
      expectStatuses(Object.fromEntries(r.map((x) => [x.id, x.status])), expected);
      expect(r.find((x) => x.id === "mx")!.summary).toContain("ns2.example.test");
      expect(took).toBeLessThan(deadlineMs + 400);
      // Checks that do not need that server were not held up by it.
      for (const x of r.filter((x) => !asksEveryNs.includes(x.id))) expect(x.durationMs!).toBeLessThan(deadlineMs / 2);
    } finally {
      await hole.stop();
      await rig.publish(rig.domainZone());
    }
  });
});
