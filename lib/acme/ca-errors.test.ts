import { describe, expect, it } from "vitest";
import { explainAcmeError, explainProblem } from "./ca-errors";

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
