import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spf } from "mailauth/lib/spf";
import { countSpfLookups } from "@/lib/checks/spf-lookups";
import { spfRecord } from "@/lib/dns/spf-record";
import { mailauthResolver } from "@/lib/headers/mailauth-resolver";
import { dnsQuery } from "@/lib/net/dns-client";
import { findRelayPreset, presetHost } from "@/lib/relay/presets";
import { startBind, type BindServer } from "../rig/bind";

// The providers' SPF trees in the shape they publish (from public lookups of their records;
// address ranges abbreviated:
// Google's three _netblocks includes, Microsoft's flat ip4/ip6 list, Mailgun's two
// regional branches of two includes each), served by BIND; the user's record is the
// plan's. The include is followed, and the whole tree stays within 10 lookups.
const head = (origin: string) =>
  `$ORIGIN ${origin}.\n$TTL 60\n@ IN SOA ns1.${origin}. h.${origin}. ( 1 3600 600 86400 30 )\n@ IN NS ns1.${origin}.\nns1 IN A 127.0.0.1\n`;
const txt = (name: string, v: string) => `${name} IN TXT "${v}"\n`;
const trees = {
  "google.com":
    txt(
      "_spf",
      "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all",
    ) +
    txt("_netblocks", "v=spf1 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:74.125.0.0/16 ip4:209.85.128.0/17 ~all") +
    txt("_netblocks2", "v=spf1 ip6:2001:4860:4000::/36 ip6:2a00:1450:4000::/36 ~all") +
    txt("_netblocks3", "v=spf1 ~all"),
  "outlook.com": txt(
    "spf.protection",
    "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all",
  ),
  "mailgun.org":
    txt("@", "v=spf1 include:_spf.mailgun.org include:_spf.eu.mailgun.org ~all") +
    txt("_spf", "v=spf1 include:_spf1.mailgun.org include:_spf2.mailgun.org ~all") +
    txt("_spf1", "v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ~all") +
    txt("_spf2", "v=spf1 ip4:69.72.32.0/20 ~all") +
    txt("_spf.eu", "v=spf1 ip4:141.193.32.0/23 ~all"),
};
let bind: BindServer;
const presets = { google: "74.125.1.1", microsoft365: "40.107.1.1", "mailgun-eu": "141.193.32.9" } as const;

beforeAll(async () => {
  const zones = Object.entries(trees).map(([name, body]) => ({ name, text: head(name) + body }));
  const records = Object.keys(presets).map((id) => {
    const p = findRelayPreset(id)!;
    return txt(id, spfRecord({ ipv4: "192.0.2.10", relayHost: presetHost(p)!, relayInclude: p.spfInclude }));
  });
  zones.push({ name: "example.test", text: head("example.test") + records.join("") });
  bind = await startBind({ address: "127.0.35.1", zones });
});
afterAll(() => bind?.stop());

const resolver = () =>
  mailauthResolver((name, type) =>
    dnsQuery({ server: { host: bind.address, port: bind.port }, name, type, recurse: true }, AbortSignal.timeout(5000)),
  );

describe("SPF with a relay preset, against the providers' trees", () => {
  it("follows the include (the provider's address passes, another fails) within 10 lookups", async () => {
    for (const [id, providerIp] of Object.entries(presets)) {
      const r = resolver();
      const fetch = async (name: string) =>
        ((await r(name, "TXT").catch(() => [])) as string[][])
          .map((c) => c.join(""))
          .filter((t) => t.startsWith("v=spf1"));
      const [own] = await fetch(`${id}.example.test`);
      const lookups = await countSpfLookups(own, fetch);
      expect(lookups, id).toBeLessThanOrEqual(10);
      expect(lookups, id).toBeGreaterThanOrEqual(1);
      const pass = await spf({
        sender: `anna@${id}.example.test`,
        ip: providerIp,
        helo: "relay",
        mta: "test",
        resolver: r,
      });
      expect(pass.status.result, id).toBe("pass");
      const fail = await spf({
        sender: `anna@${id}.example.test`,
        ip: "198.51.100.99",
        helo: "relay",
        mta: "test",
        resolver: r,
      });
      expect(fail.status.result, id).toBe("fail");
    }
  });
});
