import { describe, expect, it } from "vitest";
import { spf } from "mailauth/lib/spf";
import { setupInputSchema, withoutSecrets, type SetupInput } from "@/lib/setup/schema";
import { planResolver } from "@/test/rig/plan-resolver";
import { buildDnsPlan } from "./plan";
import type { DnsRecord } from "./record";

const doc = (input: Partial<SetupInput>) =>
  withoutSecrets(setupInputSchema.parse({ domain: "maison.example", adminEmail: "me@maison.example", ...input }));

async function evaluate(
  records: DnsRecord[],
  ip: string,
  sender = "anna@maison.example",
  helo = "mail.maison.example",
) {
  const r = await spf({ sender, ip, helo, mta: "mx.example.net", resolver: planResolver(records) });
  return r.status.result as string;
}

describe("SPF from the plan, evaluated by mailauth", () => {
  it("passes for the server's addresses and fails for any other", async () => {
    const { records } = buildDnsPlan(doc({ ipv4: "192.0.2.25", ipv6: "2001:db8:1::25" }), { dkimKeys: [] });
    expect(await evaluate(records, "192.0.2.25")).toBe("pass");
    expect(await evaluate(records, "2001:db8:1::25")).toBe("pass");
    expect(await evaluate(records, "192.0.2.26")).toBe("fail");
    expect(await evaluate(records, "2001:db8:1::26")).toBe("fail");
  });

  it("passes the HELO check through the mail host's own record", async () => {
    const { records } = buildDnsPlan(doc({ ipv4: "192.0.2.25" }), { dkimKeys: [] });
    // An empty MAIL FROM (bounces) is checked against the HELO name (RFC 7208 §2.4).
    expect(await evaluate(records, "192.0.2.25", "", "mail.maison.example")).toBe("pass");
    expect(await evaluate(records, "198.51.100.1", "", "mail.maison.example")).toBe("fail");
  });

  it("passes for a relay given by address, fails for others", async () => {
    const d = doc({
      ipv4: "192.0.2.25",
      delivery: { mode: "relay", host: "198.51.100.7", port: 587, username: "u", tlsFingerprint: "ab".repeat(32) },
    });
    const { records } = buildDnsPlan(d, { dkimKeys: [] });
    expect(await evaluate(records, "198.51.100.7")).toBe("pass");
    expect(await evaluate(records, "192.0.2.25")).toBe("pass");
    expect(await evaluate(records, "198.51.100.8")).toBe("fail");
  });

  it("passes for a relay by include: when the provider's record is served", async () => {
    const d = doc({
      ipv4: "192.0.2.25",
      delivery: { mode: "relay", host: "smtp.relay.example", port: 587, username: "u" },
    });
    const { records } = buildDnsPlan(d, { dkimKeys: [], relayInclude: "spf.relay.example" });
    const provider: DnsRecord = {
      name: "spf.relay.example",
      type: "TXT",
      ttl: 300,
      value: "v=spf1 ip4:203.0.113.0/24 -all",
      purpose: "spf",
      level: "required",
      where: "registrar",
    };
    expect(await evaluate([...records, provider], "203.0.113.9")).toBe("pass");
    expect(await evaluate([...records, provider], "198.51.100.8")).toBe("fail");
  });
});
