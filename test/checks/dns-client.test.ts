import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CheckContext, createRunState } from "@/lib/checks/check-context";
import { checkInputFor } from "@/lib/checks/check-input";
import { defaultCheckConfig } from "@/lib/checks/config";
import { dnsQuery, type DnsQuery } from "@/lib/net/dns-client";
import { txtStrings } from "@/lib/checks/records";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { startBind, type BindServer } from "../rig/bind";

const big = Array.from({ length: 24 }, (_, i) => `"${String(i).padStart(2, "0")}${"x".repeat(250)}"`).join(" ");
let bind: BindServer;
beforeAll(async () => {
  bind = await startBind({
    address: "127.0.12.20",
    zones: [
      {
        name: "big.test",
        text: `$ORIGIN big.test.\n$TTL 60\n@ IN SOA ns hostmaster 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.12.20\nlarge IN TXT ${big}\nsmall IN TXT "hi"\n`,
      },
    ],
  });
});
afterAll(() => bind?.stop());

describe("DNS client (dns-packet over UDP, TCP on truncation)", () => {
  const server = () => ({ host: bind.address, port: bind.port });

  it("reads a small answer over UDP with the AA flag and TTL", async () => {
    const r = await dnsQuery(
      { server: server(), name: "small.big.test", type: "TXT", recurse: false },
      AbortSignal.timeout(2000),
    );
    expect(r.aa).toBe(true);
    expect(txtStrings(r)).toEqual(["hi"]);
    expect(r.answers[0].ttl).toBe(60);
  });

  it("retries over TCP when the UDP answer is truncated (a 6 kB TXT)", async () => {
    const r = await dnsQuery(
      { server: server(), name: "large.big.test", type: "TXT", recurse: false },
      AbortSignal.timeout(2000),
    );
    expect(txtStrings(r)[0]).toHaveLength(24 * 252);
  });

  it("reports NXDOMAIN with the negative TTL source (SOA)", async () => {
    const r = await dnsQuery(
      { server: server(), name: "nothing.big.test", type: "A", recurse: false },
      AbortSignal.timeout(2000),
    );
    expect(r.rcode).toBe("NXDOMAIN");
    expect(r.authorities.some((a) => a.type === "SOA")).toBe(true);
  });

  it("asks the same question once per run (single flight)", async () => {
    const spy = vi.fn<DnsQuery>((q, s) => dnsQuery(q, s));
    const setup = withoutSecrets(
      setupInputSchema.parse({ domain: "big.test", ipv4: "192.0.2.1", adminEmail: "a@big.test" }),
    );
    const run = createRunState(
      checkInputFor(setup, []),
      { ...defaultCheckConfig, resolver: server() },
      { dns: spy, dial: vi.fn(), now: Date.now },
      AbortSignal.timeout(5000),
    );
    const a = new CheckContext(run, AbortSignal.timeout(5000));
    const b = new CheckContext(run, AbortSignal.timeout(5000));
    const [x, y] = await Promise.all([
      a.resolve("small.big.test", "TXT"),
      b.resolve("SMALL.big.test", "TXT"),
      a.resolve("small.big.test", "TXT"),
    ]);
    expect(x).toBe(y);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
