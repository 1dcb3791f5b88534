import { describe, expect, it } from "vitest";
import { clientOf, createHostCheck, hostName, parseTrustedProxies } from "../../scripts/server/hosts.mjs";

const req = (remoteAddress: string, headers: Record<string, string> = {}, encrypted = false) =>
  ({ socket: { remoteAddress, encrypted }, headers }) as unknown as Parameters<typeof clientOf>[0];

describe("the Host allow-list", () => {
  it("reads host[:port] and IPv6 literals, refuses the malformed", () => {
    expect(hostName("Box.Local.:3000")).toBe("box.local");
    expect(hostName("[::FFFF:192.168.1.2]:3000")).toBe("::ffff:c0a8:102");
    for (const bad of ["", "a b", "user@evil.test", "evil.test/x", "[::1", "a".repeat(300)])
      expect(hostName(bad)).toBeNull();
  });

  it("answers to the listening address, localhost and POSTWRIGHT_ALLOWED_HOSTS, nothing else", () => {
    const check = createHostCheck({ listenHost: "192.168.77.10", extra: "wizard.home.arpa, [fd00::5]" });
    for (const ok of [
      "192.168.77.10:3000",
      "localhost:3000",
      "127.0.0.1",
      "[::1]:3000",
      "WIZARD.home.arpa",
      "[fd00::5]",
    ])
      expect(check.isAllowed(ok), ok).toBe(true);
    for (const no of ["evil.test", "192.168.77.11", "wizard.home.arpa.evil.test", "[::ffff:10.0.0.1]", undefined])
      expect(check.isAllowed(no as string), String(no)).toBe(false);
  });
});

describe("the client of a request", () => {
  it("is the socket's address; X-Forwarded-* only from a trusted proxy", () => {
    const none = parseTrustedProxies("");
    expect(clientOf(req("::ffff:192.168.1.9", { "x-forwarded-for": "10.0.0.1" }, true), none)).toEqual({
      address: "192.168.1.9",
      https: true,
      viaProxy: false,
    });
    const proxy = parseTrustedProxies("192.168.1.1, 10.0.0.0/8");
    const r = req("192.168.1.1", { "x-forwarded-for": "203.0.113.5, 10.1.2.3", "x-forwarded-proto": "https" });
    expect(clientOf(r, proxy)).toEqual({ address: "203.0.113.5", https: true, viaProxy: true });
    expect(clientOf(req("192.168.1.1", { "x-forwarded-proto": "http" }), proxy).https).toBe(false);
    expect(() => parseTrustedProxies("not-an-address")).toThrow(/POSTWRIGHT_TRUSTED_PROXIES/);
  });
});
