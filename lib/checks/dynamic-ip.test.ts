import { describe, expect, it } from "vitest";
import { isGenericReverseName } from "./dynamic-ip";

describe("isGenericReverseName", () => {
  it("spots ISP customer names", () => {
    expect(isGenericReverseName("203-0-113-7.dsl.example.net", "203.0.113.7")).toBe(true);
    expect(isGenericReverseName("7.113.0.203.in.example.net", "203.0.113.7")).toBe(true);
    expect(isGenericReverseName("abo-dyn-12.example.fr", "203.0.113.7")).toBe(true);
    expect(isGenericReverseName("pool-a1.example.net", "203.0.113.7")).toBe(true);
    expect(isGenericReverseName("cb007107.example.net", "203.0.113.7")).toBe(true);
  });
  it("leaves real names alone", () => {
    expect(isGenericReverseName("mail.example.org", "203.0.113.7")).toBe(false);
    expect(isGenericReverseName("smtp2.example.org", "203.0.113.7")).toBe(false);
    expect(isGenericReverseName("mx.example.org", "2001:db8::25")).toBe(false);
  });
});
