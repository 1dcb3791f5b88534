import { describe, expect, it } from "vitest";
import { countSpfLookups } from "./spf-lookups";
import { spfSyntaxError } from "./spf-syntax";

const zone: Record<string, string[]> = {
  "a.test": ["v=spf1 include:b.test mx a:x.test -all"],
  "b.test": ["v=spf1 ip4:192.0.2.1 exists:%{i}.e.test redirect=c.test"],
  "c.test": ["v=spf1 ptr -all"],
  "loop.test": ["v=spf1 include:loop.test -all"],
};
const fetch = async (n: string) => zone[n] ?? [];

describe("countSpfLookups", () => {
  it("counts the whole tree, not just what evaluation reaches", async () => {
    expect(await countSpfLookups("v=spf1 ip4:192.0.2.10 -all", fetch)).toBe(0);
    // include:a (1) + a's include:b, mx, a:x (3) + b's exists, redirect (2) + c's ptr (1)
    expect(await countSpfLookups("v=spf1 include:a.test -all", fetch)).toBe(7);
    const eleven = `v=spf1 ip4:192.0.2.10 ${Array.from({ length: 11 }, (_, i) => `include:n${i}.test`).join(" ")} -all`;
    expect(await countSpfLookups(eleven, fetch)).toBe(11);
  });
  it("stops on loops", async () => {
    expect(await countSpfLookups("v=spf1 include:loop.test -all", fetch)).toBe(2);
  });
});

describe("spfSyntaxError", () => {
  it("accepts the plan's records and refuses broken ones", () => {
    expect(spfSyntaxError("v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 -all")).toBeNull();
    expect(spfSyntaxError("v=spf1 a -all")).toBeNull();
    expect(spfSyntaxError("v=spf1 ipv4:192.0.2.10 -all")).toMatch(/unknown mechanism/);
    expect(spfSyntaxError("v=spf1 include -all")).toMatch(/needs a domain/);
    expect(spfSyntaxError("v=spf1 redirect=a.test redirect=b.test")).toMatch(/redirect/);
  });
});
