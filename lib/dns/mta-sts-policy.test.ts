import { describe, expect, it } from "vitest";
import { renderMtaStsPolicy } from "./mta-sts-policy";

describe("MTA-STS policy", () => {
  it("renders the RFC 8461 file with an id that follows the content", () => {
    const p = renderMtaStsPolicy({ mode: "testing", mx: ["mail.example.com."] });
    expect(p.text).toBe("version: STSv1\r\nmode: testing\r\nmx: mail.example.com\r\nmax_age: 604800\r\n");
    expect(p.id).toMatch(/^[0-9a-f]{20}$/);
    expect(renderMtaStsPolicy({ mode: "testing", mx: ["mail.example.com"] }).id).toBe(p.id);
    expect(renderMtaStsPolicy({ mode: "enforce", mx: ["mail.example.com"] }).id).not.toBe(p.id);
  });
});
