import { describe, expect, it } from "vitest";
import type { DnsClient } from "./dns-client";
import { checkCaa } from "./caa";
import { explainAcmeError, explainProblem } from "./ca-errors";

/** A resolver answering from a table: name → CAA records "flags tag value", or an rcode. */
function fakeDns(table: Record<string, string[] | "SERVFAIL">): DnsClient {
  return {
    async query(_server, name) {
      const hit = table[name];
      if (hit === "SERVFAIL") return { rcode: "SERVFAIL", authoritative: false, answers: [], authorities: [] };
      const answers = (hit ?? []).map((r) => {
        const [flags, tag, ...value] = r.split(" ");
        return { type: "CAA", name, class: "IN", ttl: 60, data: { flags: Number(flags), tag, value: value.join(" ") } };
      });
      return { rcode: hit ? "NOERROR" : "NXDOMAIN", authoritative: true, answers: answers as never, authorities: [] };
    },
    exchange: async () => {
      throw new Error("unused");
    },
  };
}
const ctx = (table: Record<string, string[] | "SERVFAIL">) => ({
  dns: fakeDns(table),
  resolvers: [{ address: "127.0.0.1", port: 53 }],
  nameserverPort: 53,
});

describe("CAA (RFC 8659)", () => {
  it("takes the closest CAA set walking up the tree", async () => {
    const c = ctx({ "example.org": ["0 issue letsencrypt.org"], "mail.example.org": [] });
    expect(await checkCaa(c, "mail.example.org", ["letsencrypt.org"])).toMatchObject({
      allowed: true,
      foundAt: "example.org",
      code: "caaAllows",
    });
    expect(await checkCaa(c, "mail.example.org", ["sectigo.com", "zerossl.com"])).toMatchObject({
      allowed: false,
      code: "caaForbids",
      params: { allowed: "letsencrypt.org" },
    });
    const closer = ctx({ "example.org": ["0 issue letsencrypt.org"], "mail.example.org": ["0 issue sectigo.com"] });
    expect(await checkCaa(closer, "mail.example.org", ["sectigo.com"])).toMatchObject({
      allowed: true,
      foundAt: "mail.example.org",
    });
  });

  it("allows when there is no CAA, or only iodef/issuewild; refuses ';' (no CA)", async () => {
    expect(await checkCaa(ctx({}), "mail.example.org", ["letsencrypt.org"])).toMatchObject({
      allowed: true,
      foundAt: null,
      code: "caaNone",
    });
    expect(
      await checkCaa(ctx({ "example.org": ["0 iodef mailto:x@example.org"] }), "mail.example.org", ["letsencrypt.org"]),
    ).toMatchObject({ allowed: true, code: "caaOpen" });
    expect(
      await checkCaa(ctx({ "example.org": ["0 issue ;"] }), "mail.example.org", ["letsencrypt.org"]),
    ).toMatchObject({ allowed: false });
  });

  it("honours accounturi and says when it cannot tell", async () => {
    const c = ctx({ "example.org": ["0 issue letsencrypt.org; accounturi=https://ca/acct/1"] });
    expect(await checkCaa(c, "mail.example.org", ["letsencrypt.org"], "https://ca/acct/1")).toMatchObject({
      allowed: true,
    });
    expect(await checkCaa(c, "mail.example.org", ["letsencrypt.org"], "https://ca/acct/2")).toMatchObject({
      allowed: false,
      code: "caaOtherAccount",
    });
    expect(await checkCaa(c, "mail.example.org", ["letsencrypt.org"], null)).toMatchObject({
      allowed: "unknown",
      code: "caaAccountUnknown",
    });
    expect(await checkCaa(c, "mail.example.org", [])).toMatchObject({ allowed: "unknown", code: "caaUnknownCa" });
  });

  it("refuses when CAA cannot be read (CAs do too)", async () => {
    expect(
      await checkCaa(ctx({ "mail.example.org": "SERVFAIL" }), "mail.example.org", ["letsencrypt.org"]),
    ).toMatchObject({ allowed: false, code: "caaLookupFailed" });
  });
});

describe("CA errors in plain words", () => {
  it("names the problem and what to do", () => {
    expect(
      explainProblem({ type: "urn:ietf:params:acme:error:rateLimited", detail: "too many certificates already issued" })
        .kind,
    ).toBe("rateLimited");
    expect(
      explainProblem({ type: "urn:ietf:params:acme:error:caa", detail: "CAA record for example.org prevents issuance" })
        .kind,
    ).toBe("caa");
    expect(
      explainProblem({ type: "urn:ietf:params:acme:error:unauthorized", detail: "Incorrect TXT record found" }).kind,
    ).toBe("unauthorized");
    expect(
      explainProblem({
        type: "urn:ietf:params:acme:error:connection",
        detail: "Timeout during connect (likely firewall problem)",
      }).advice,
    ).toMatch(/port 80/);
    expect(explainAcmeError(new Error("getaddrinfo ENOTFOUND acme-v02.api.letsencrypt.org")).kind).toBe("network");
    expect(explainAcmeError(new Error("connect ECONNREFUSED 127.0.13.1:14000")).kind).toBe("network");
    expect(explainAcmeError(new Error("Request failed with status code 503")).kind).toBe("serverInternal");
    // A CA's words about certificates or port numbers are not taken for network trouble.
    expect(
      explainAcmeError(new Error("certificate public key must be different than account key, port 5002")).kind,
    ).toBe("unknown");
    expect(
      explainProblem({ type: "urn:ietf:params:acme:error:connection", detail: "127.0.13.3: Connection refused" }).kind,
    ).toBe("connection");
    expect(explainAcmeError(new Error("something new")).kind).toBe("unknown");
  });
});
