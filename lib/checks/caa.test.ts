import { describe, expect, it } from "vitest";
import type { Lookup } from "@/lib/net/dns-client";
import { caaPermits } from "./caa";

/** A resolver answering from a table: name → CAA records "flags tag value", or an rcode. */
const ctx =
  (table: Record<string, string[] | "SERVFAIL">): Lookup =>
  async (name) => {
    const hit = table[name];
    const response = { aa: true, ad: false, tc: false, authorities: [] };
    if (hit === "SERVFAIL") return { ...response, rcode: "SERVFAIL", answers: [] };
    const answers = (hit ?? []).map((r) => {
      const [flags, tag, ...value] = r.split(" ");
      return { type: "CAA", name, ttl: 60, data: { flags: Number(flags), tag, value: value.join(" ") } };
    });
    return { ...response, rcode: hit ? "NOERROR" : "NXDOMAIN", answers };
  };

describe("CAA (RFC 8659)", () => {
  it("takes the closest CAA set walking up the tree", async () => {
    const c = ctx({ "example.org": ["0 issue letsencrypt.org"], "mail.example.org": [] });
    expect(await caaPermits(c, "mail.example.org", ["letsencrypt.org"])).toMatchObject({
      allowed: true,
      foundAt: "example.org",
      code: "caaAllows",
    });
    expect(await caaPermits(c, "mail.example.org", ["sectigo.com", "zerossl.com"])).toMatchObject({
      allowed: false,
      code: "caaForbids",
      params: { allowed: "letsencrypt.org" },
    });
    const closer = ctx({ "example.org": ["0 issue letsencrypt.org"], "mail.example.org": ["0 issue sectigo.com"] });
    expect(await caaPermits(closer, "mail.example.org", ["sectigo.com"])).toMatchObject({
      allowed: true,
      foundAt: "mail.example.org",
    });
  });

  it("allows when there is no CAA, or only iodef/issuewild; refuses ';' (no CA)", async () => {
    expect(await caaPermits(ctx({}), "mail.example.org", ["letsencrypt.org"])).toMatchObject({
      allowed: true,
      foundAt: null,
      code: "caaNone",
    });
    expect(
      await caaPermits(ctx({ "example.org": ["0 iodef mailto:x@example.org"] }), "mail.example.org", [
        "letsencrypt.org",
      ]),
    ).toMatchObject({ allowed: true, code: "caaOpen" });
    expect(
      await caaPermits(ctx({ "example.org": ["0 issue ;"] }), "mail.example.org", ["letsencrypt.org"]),
    ).toMatchObject({ allowed: false });
  });

  it("honours accounturi and says when it cannot tell", async () => {
    const c = ctx({ "example.org": ["0 issue letsencrypt.org; accounturi=https://ca/acct/1"] });
    expect(await caaPermits(c, "mail.example.org", ["letsencrypt.org"], "https://ca/acct/1")).toMatchObject({
      allowed: true,
    });
    expect(await caaPermits(c, "mail.example.org", ["letsencrypt.org"], "https://ca/acct/2")).toMatchObject({
      allowed: false,
      code: "caaOtherAccount",
    });
    expect(await caaPermits(c, "mail.example.org", ["letsencrypt.org"], null)).toMatchObject({
      allowed: "unknown",
      code: "caaAccountUnknown",
    });
    expect(await caaPermits(c, "mail.example.org", [])).toMatchObject({ allowed: "unknown", code: "caaUnknownCa" });
  });

  it("refuses when CAA cannot be read (CAs do too)", async () => {
    expect(
      await caaPermits(ctx({ "mail.example.org": "SERVFAIL" }), "mail.example.org", ["letsencrypt.org"]),
    ).toMatchObject({ allowed: false, code: "caaLookupFailed" });
  });
});
