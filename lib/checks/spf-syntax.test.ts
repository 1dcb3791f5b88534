import { describe, expect, it } from "vitest";
import { isSpfRecord, spfSyntaxError } from "./spf-syntax";

describe("SPF record grammar (RFC 7208 §12), over the whole record", () => {
  it("accepts valid records, mechanisms in any case, macros, modifiers", () => {
    for (const r of [
      "v=spf1 -all",
      "v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 -all",
      "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all",
      "v=spf1 a mx a:mail.example.test/24//64 mx:example.test -all",
      "v=spf1 include:_spf.example.test redirect=_spf2.example.test",
      "v=spf1 exists:%{i}._spf.%{d} -all",
      "v=spf1 IP4:192.0.2.1 -ALL exp=explain.%{d} moo=cow",
      "v=spf1 ptr ?all",
    ])
      expect(spfSyntaxError(r), r).toBeNull();
  });
  it("refuses what receivers take as permerror, wherever it is in the record", () => {
    const bad: [string, RegExp][] = [
      ["v=spf1 ip4:192.0.2.10 ip4:192.0.2.300 -all", /not an IPv4 address/],
      ["v=spf1 ip4:192.0.2.10/33 -all", /prefix length/],
      ["v=spf1 ip6:2001:db8::/129 -all", /prefix length/],
      ["v=spf1 ip:192.0.2.1 -all", /unknown mechanism/],
      ["v=spf1 ip4:192.0.2.10ip6:2001:db8::10 -all", /not an IPv4 address/],
      ["v=spf1 -all.", /unknown mechanism|cannot parse/],
      ["v=spf1 redirect=a.example.test redirect=b.example.test", /more than once/],
      ["v=spf1 include: -all", /needs a domain/],
      ["v=spf1 exists:%{z}.example.test -all", /needs a domain/],
      ["v=spf1 all:example.test", /takes no value/],
    ];
    for (const [r, why] of bad) expect(spfSyntaxError(r), r).toMatch(why);
  });
  it("tells SPF records from others (RFC 7208 §4.5)", () => {
    expect(isSpfRecord("v=spf1 -all")).toBe(true);
    expect(isSpfRecord("v=spf1")).toBe(true);
    expect(isSpfRecord("v=spf10 -all")).toBe(false);
    expect(isSpfRecord("spf2.0/pra -all")).toBe(false);
  });
});
