import { describe, expect, it } from "vitest";
import { certificateNames } from "./derived";

describe("certificateNames", () => {
  const doc = { domain: "example.test", hostname: "mail.example.test", mtaSts: { mode: "enforce" as const } };

  it("covers every name the plan points at the mail host and nginx serves over HTTPS", () => {
    expect(certificateNames(doc)).toEqual([
      "mail.example.test",
      "mta-sts.example.test",
      "autoconfig.example.test",
      "autodiscover.example.test",
    ]);
  });

  it("leaves mta-sts out when MTA-STS is off (the plan does not publish it)", () => {
    expect(certificateNames({ ...doc, mtaSts: { mode: "none" } })).toEqual([
      "mail.example.test",
      "autoconfig.example.test",
      "autodiscover.example.test",
    ]);
  });

  it("names a host once when the mail host is itself one of them", () => {
    expect(certificateNames({ ...doc, hostname: "autoconfig.example.test" })).toEqual([
      "autoconfig.example.test",
      "mta-sts.example.test",
      "autodiscover.example.test",
    ]);
  });
});
