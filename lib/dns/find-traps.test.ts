import { describe, expect, it } from "vitest";
import { findTraps, hasDoubledSuffix, isCdnAddress } from "./find-traps";

const opts = { origin: "example.com", mailHost: "mail.example.com" };

describe("trap detection", () => {
  it("finds a doubled suffix on names and targets", () => {
    expect(hasDoubledSuffix("_dmarc.example.com.example.com", "example.com")).toBe(true);
    expect(hasDoubledSuffix("example.com.example.com.", "example.com")).toBe(true);
    expect(hasDoubledSuffix("_dmarc.example.com", "example.com")).toBe(false);
    const traps = findTraps(
      [
        { name: "_dmarc.example.com.example.com", type: "TXT", value: "v=DMARC1; p=none" },
        { name: "example.com", type: "MX", value: "10 mail.example.com.example.com." },
      ],
      opts,
    );
    expect(traps.map((t) => t.id)).toEqual(["doubled-suffix", "doubled-suffix-target"]);
  });
  it("finds a second SPF record and pasted quotes", () => {
    const traps = findTraps(
      [
        { name: "example.com", type: "TXT", value: "v=spf1 ip4:192.0.2.1 -all" },
        { name: "example.com", type: "TXT", value: "google-site-verification=abc" },
        { name: "example.com", type: "TXT", value: "v=spf1 include:_spf.example.net ~all" },
        { name: "_dmarc.example.com", type: "TXT", value: '"v=DMARC1; p=none"' },
      ],
      opts,
    );
    expect(traps).toEqual([
      { id: "second-spf", name: "example.com", found: "v=spf1 include:_spf.example.net ~all" },
      { id: "quoted-txt", name: "_dmarc.example.com", found: '"v=DMARC1; p=none"' },
    ]);
    expect(
      findTraps(
        [
          { name: "example.com", type: "TXT", value: "v=spf1 -all" },
          { name: "mail.example.com", type: "TXT", value: "v=spf1 a -all" },
        ],
        opts,
      ),
    ).toEqual([]);
  });
  it("finds the mail host behind a CDN proxy", () => {
    expect(isCdnAddress("104.16.1.1")).toBe(true);
    expect(isCdnAddress("2606:4700::1")).toBe(true);
    expect(isCdnAddress("192.0.2.1")).toBe(false);
    expect(findTraps([{ name: "mail.example.com", type: "A", value: "172.67.1.2" }], opts).map((t) => t.id)).toEqual([
      "cdn-proxy",
    ]);
    expect(findTraps([{ name: "www.example.com", type: "A", value: "172.67.1.2" }], opts)).toEqual([]);
  });
});
