import { describe, expect, it, vi } from "vitest";
import { CheckContext, createRunState, RefusedTarget } from "./check-context";
import { checkInputFor } from "./check-input";
import { defaultCheckConfig } from "./config";
import type { DnsQuery } from "@/lib/net/dns-client";
import { collectChecks } from "./run-checks";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";

const setup = withoutSecrets(
  setupInputSchema.parse({ domain: "example.test", ipv4: "192.0.2.10", adminEmail: "a@example.test" }),
);
const input = checkInputFor(setup, []);

// A crafted zone: the names the checks connect to resolve to LAN addresses.
const lanDns: DnsQuery = async (q) => {
  if (q.type === "NS")
    return {
      rcode: "NOERROR",
      aa: true,
      ad: false,
      tc: false,
      answers: [{ name: q.name, type: "NS", ttl: 60, data: "ns1.example.test" }],
      authorities: [],
    };
  const answers =
    q.type === "A"
      ? [{ name: q.name, type: "A", ttl: 60, data: "192.168.1.1" }]
      : q.type === "SOA"
        ? [{ name: q.name, type: "SOA", ttl: 60, data: { serial: 1 } }]
        : [];
  const txt =
    q.name.startsWith("_mta-sts.") && q.type === "TXT"
      ? [{ name: q.name, type: "TXT", ttl: 60, data: [Buffer.from("v=STSv1; id=1")] }]
      : [];
  return { rcode: "NOERROR", aa: true, ad: false, tc: false, answers: [...answers, ...txt], authorities: [] };
};

describe("connections only to the setup's own addresses", () => {
  it("dialOwn refuses any other address, whatever a name resolves to", async () => {
    const dial = vi.fn();
    const ctx = new CheckContext(
      createRunState(input, defaultCheckConfig, { dns: lanDns, dial, now: Date.now }, new AbortController().signal),
      new AbortController().signal,
    );
    await expect(ctx.dialOwn("192.168.1.1", 443)).rejects.toBeInstanceOf(RefusedTarget);
    await expect(ctx.dialOwn("127.0.0.1", 25)).rejects.toBeInstanceOf(RefusedTarget);
    expect(dial).not.toHaveBeenCalled();
  });

  it("mta-sts does not fetch a policy from an address the setup does not own", async () => {
    const dial = vi.fn(() => Promise.reject(new Error("must not dial")));
    const results = await collectChecks({
      input: { ...input, plannedRecords: [] },
      config: { ...defaultCheckConfig, deadlineMs: 1000 },
      deps: { dns: lanDns, dial },
      only: ["mta-sts"],
    });
    const r = results.find((x) => x.id === "mta-sts")!;
    expect(r.summaryRef.key).toBe("mtaSts.elsewhere");
    expect(r.status).toBe("warn");
    expect(dial).not.toHaveBeenCalled();
  });

  it("smtp-tls dials only the setup's own address", async () => {
    const dial = vi.fn(() => Promise.reject(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })));
    await collectChecks({
      input,
      config: { ...defaultCheckConfig, deadlineMs: 1000 },
      deps: { dns: lanDns, dial },
      only: ["smtp-tls"],
    });
    expect(dial.mock.calls.map((c) => (c as unknown[])[0])).toEqual(
      [25, 587, 465, 993].map((port) => ({ host: "192.0.2.10", port })),
    );
  });
});
