import { describe, expect, it } from "vitest";
import { parseAuthResults, parseReceivedSpf } from "./authentication-results";

describe("Authentication-Results (RFC 8601)", () => {
  it("reads RFC 8601 appendix B.4's SPF and Sender ID example", () => {
    const ar = parseAuthResults(
      "example.com; spf=pass smtp.mailfrom=example.net; sender-id=pass header.from=example.net",
    );
    expect(ar.authservId).toBe("example.com");
    expect(ar.results.map((r) => [r.method, r.result, r.props])).toEqual([
      ["spf", "pass", { "smtp.mailfrom": "example.net" }],
      ["sender-id", "pass", { "header.from": "example.net" }],
    ]);
  });

  it("keeps comments, versions, quoted values and a result with none", () => {
    const ar = parseAuthResults(
      'mail-router.example.net 1; dkim=pass (good signature) header.d=newyork.example.com header.b=oINEO8hg; dkim/1=fail reason="bad \\"sig\\"" header.i=@x.example',
    );
    expect(ar.authservId).toBe("mail-router.example.net");
    expect(ar.results[0]).toMatchObject({ method: "dkim", result: "pass", comment: "good signature" });
    expect(ar.results[1]).toMatchObject({ method: "dkim", result: "fail", reason: 'bad "sig"' });
    expect(parseAuthResults("example.org 1; none").results).toEqual([]);
  });

  it("reads Microsoft's form without an authserv-id and Yahoo's comment glued to the result", () => {
    const ms = parseAuthResults(
      "spf=fail (sender IP is 198.51.100.25) smtp.mailfrom=example.test; dkim=pass (signature was verified) header.d=example.test;dmarc=pass action=none header.from=example.test;compauth=pass reason=100",
    );
    expect(ms.authservId).toBeUndefined();
    expect(ms.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      "spf=fail",
      "dkim=pass",
      "dmarc=pass",
      "compauth=pass",
    ]);
    expect(ms.results[0].comment).toBe("sender IP is 198.51.100.25");
    const yahoo = parseAuthResults(
      "atlas210.free.mail.bf1.yahoo.com; dmarc=pass(p=QUARANTINE) header.from=example.test;",
    );
    expect(yahoo.results[0]).toMatchObject({ method: "dmarc", result: "pass", comment: "p=QUARANTINE" });
  });

  it("reads ARC-Authentication-Results' instance (RFC 8617 §4.1.1)", () => {
    const arc = parseAuthResults(
      "i=2; lists.example.org; spf=pass smtp.mfrom=jqd@d1.example; dkim=pass (1024-bit key) header.i=@d1.example",
      true,
    );
    expect([arc.instance, arc.authservId, arc.results.length]).toEqual([2, "lists.example.org", 2]);
  });

  it("reads Received-SPF (RFC 7208 §9.1)", () => {
    const r = parseReceivedSpf(
      "Fail (protection.outlook.com: domain of example.test does not designate 198.51.100.25 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.25; helo=smtp.relay.test;",
    );
    expect(r).toMatchObject({ result: "fail", props: { "client-ip": "198.51.100.25", helo: "smtp.relay.test" } });
  });
});
