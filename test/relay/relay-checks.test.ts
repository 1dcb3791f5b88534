import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectChecks } from "@/lib/checks/run-checks";
import { startChecksRig, type ChecksRig } from "../rig/checks-rig";

// The plan in relay mode (a Brevo-like preset whose DKIM is a TXT key in the zone, and a
// Fastmail-like CNAME to a key elsewhere), published by the rig's BIND from the plan itself:
// the SPF check follows the relay's include, the DKIM check checks the provider's records.
let rig: ChecksRig;
const KEY = "k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDeMVIzrCa3T14JsNY0IRv5";
beforeAll(async () => {
  rig = await startChecksRig({
    net: "127.0.36",
    setup: {
      delivery: {
        mode: "relay",
        preset: "brevo",
        host: "smtp-relay.brevo.com",
        port: 587,
        username: "anna@example.test",
        password: "x",
        spfInclude: "_spf.relay.example.test",
        providerDkim: [
          { name: "mail._domainkey", type: "TXT", value: KEY },
          { name: "fm1._domainkey", type: "CNAME", value: "fm1.keys.example.test" },
        ],
      },
    },
  });
});
afterAll(() => rig?.stop());

const run = async () =>
  Object.fromEntries(
    (await collectChecks({ input: rig.input, config: rig.config, deps: rig.deps, only: ["spf", "dkim"] })).map((r) => [
      r.id,
      r,
    ]),
  );

describe("checks in relay mode", () => {
  it("publishes the relay's include and DKIM records, and the checks follow them", async () => {
    const spf = rig.plan.records.find((r) => r.purpose === "spf")!;
    expect(spf.value).toBe("v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 include:_spf.relay.example.test -all");
    expect(
      rig.plan.records.filter((r) => r.purpose === "relay-dkim").map((r) => `${r.name} ${r.type} ${r.value}`),
    ).toEqual([`mail._domainkey.example.test TXT ${KEY}`, "fm1._domainkey.example.test CNAME fm1.keys.example.test."]);

    // Neither the include nor the CNAME's target answers yet.
    let r = await run();
    expect(r.spf.status).toBe("fail");
    expect(r.spf.summaryRef.key).toBe("spf.relayIncludeBroken");
    expect(r.dkim.status).toBe("fail");
    expect(r.dkim.summaryRef.key).toBe("dkim.providerNoKey");
    expect(r.dkim.summaryRef.params?.name).toBe("fm1._domainkey.example.test");

    // The provider's side appears: its SPF record and the key behind the CNAME.
    await rig.publish(
      rig.domainZone(
        (t) => `${t}_spf.relay 60 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"\nfm1.keys 60 IN TXT "${KEY}"\n`,
      ),
    );
    r = await run();
    expect(r.spf.status, JSON.stringify(r.spf)).toBe("pass");
    expect(r.spf.details.some((d) => d.query === "SPF lookups for example.test" && d.answer?.[0] === "1")).toBe(true);
    expect(r.dkim.status, JSON.stringify(r.dkim)).toBe("pass");

    // The include is dropped from the published record: the check says so.
    await rig.publish(rig.domainZone((t) => t.replace(" include:_spf.relay.example.test", "")));
    r = await run();
    expect(r.spf.summaryRef.key).toBe("spf.relayIncludeMissing");
  });
});
