import { describe, expect, it } from "vitest";
import { dechunk, parsePolicy } from "./mta-sts";

describe("MTA-STS policy parsing", () => {
  it("reads the fields of a policy file", () => {
    expect(
      parsePolicy(
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.test\r\nmx: *.backup.example.test\r\nmax_age: 604800\r\n",
      ),
    ).toEqual({
      version: "STSv1",
      mode: "enforce",
      mx: ["mail.example.test", "*.backup.example.test"],
      maxAge: 604800,
    });
  });
  it("decodes a chunked body", () => {
    expect(dechunk("e\r\nversion: STSv1\r\n5\r\nmode:\r\n0\r\n\r\n")).toBe("version: STSv1mode:");
  });
});
