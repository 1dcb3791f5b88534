import { describe, expect, it } from "vitest";
import { isPublicAddress, parsePublicIPv6 } from "./addresses";

describe("IPv6 forms that carry an IPv4 address are what the IPv4 is", () => {
  it.each([
    "::7f00:1", // IPv4-compatible 127.0.0.1
    "::127.0.0.1",
    "::a9fe:a9fe", // 169.254.169.254 (cloud metadata)
    "::ffff:10.0.0.1",
    "::ffff:0:192.168.1.1",
    "64:ff9b::c0a8:101", // NAT64 of 192.168.1.1
    "2002:7f00:1::1", // 6to4 of 127.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo, client 192.0.2.45 (documentation: not on the Internet)
  ])("%s is not public", (a) => {
    expect(isPublicAddress(a)).toBe(false);
  });

  it("refuses them as the setup's public IPv6 and keeps ordinary ones", () => {
    for (const a of ["::7f00:1", "::a9fe:a9fe", "::ffff:10.0.0.1", "64:ff9b::a00:1"])
      expect(parsePublicIPv6(a)).toMatchObject({ ok: false, problem: "not-public" });
    expect(parsePublicIPv6("2a00:1450:4007:80c::200e")).toMatchObject({ ok: true });
    expect(isPublicAddress("2a00:1450:4007:80c::200e")).toBe(true);
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
    for (const a of ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.1.1", "100.64.0.1", "::1", "fe80::1", "fc00::1"])
      expect(isPublicAddress(a)).toBe(false);
  });
});
