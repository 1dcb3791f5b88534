import { describe, expect, it } from "vitest";
import { relativeHost } from "./relative-host";

describe("relativeHost", () => {
  it("gives @ for the apex, the labels below it, null outside", () => {
    expect(relativeHost("example.com", "example.com")).toBe("@");
    expect(relativeHost("_dmarc.example.com", "example.com")).toBe("_dmarc");
    expect(relativeHost("pw1._domainkey.example.com.", "Example.COM")).toBe("pw1._domainkey");
    expect(relativeHost("mail.other.net", "example.com")).toBeNull();
    expect(relativeHost("badexample.com", "example.com")).toBeNull();
  });
});
