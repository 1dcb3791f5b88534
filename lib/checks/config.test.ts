import { describe, expect, it } from "vitest";
import { checkConfigFromEnv, defaultCheckConfig, parseConfigValue } from "./config";

describe("check configuration", () => {
  it("reads every target from the environment", () => {
    const c = checkConfigFromEnv({
      POSTWRIGHT_RESOLVER: "127.0.12.1:5353",
      POSTWRIGHT_NS_PORT: "5300",
      POSTWRIGHT_DNSBL: "bl1.test, bl2.test",
      POSTWRIGHT_PORT25_PROBES: "127.0.12.8:2525,mx.example.test",
      POSTWRIGHT_ECHO: "myip.echo.test/A@127.0.12.1:5353,o-o.myaddr.l.google.com/TXT@ns1.google.com",
      POSTWRIGHT_CHECK_DEADLINE: "1500",
      POSTWRIGHT_CONNECT: "192.0.2.10:443=127.0.12.9:8443,[2001:db8::10]=127.0.12.9",
    });
    expect(c.resolver).toEqual({ host: "127.0.12.1", port: 5353 });
    expect(c.nsPort).toBe(5300);
    expect(c.dnsbl).toEqual(["bl1.test", "bl2.test"]);
    expect(c.port25Probes).toEqual([
      { host: "127.0.12.8", port: 2525 },
      { host: "mx.example.test", port: 25 },
    ]);
    expect(c.echo[1]).toEqual({
      name: "o-o.myaddr.l.google.com",
      type: "TXT",
      server: { host: "ns1.google.com", port: 53 },
    });
    expect(c.deadlineMs).toBe(1500);
    expect(c.connect).toEqual({
      "192.0.2.10#443": { host: "127.0.12.9", port: 8443 },
      "2001:db8::10": { host: "127.0.12.9", port: 0 },
    });
  });
  it("keeps the defaults when nothing is set, and refuses bad values clearly", () => {
    expect(checkConfigFromEnv({})).toEqual(defaultCheckConfig);
    expect(() => parseConfigValue("resolver", "not a host!")).toThrow(/invalid resolver/);
    expect(() => parseConfigValue("nsPort", "70000")).toThrow(/nameserver port/);
    expect(() => parseConfigValue("dnsbl", "")).toThrow(/blocklist/);
    expect(() => parseConfigValue("deadlineMs", "5")).toThrow(/deadline/);
  });
});
