import { describe, expect, it } from "vitest";
import { retirableSelectors } from "./retirable-selectors";
import { ed25519Selector, nextSelector } from "./selector-names";

describe("selector names", () => {
  it("gives the Ed25519 key its own selector, within 63 characters", () => {
    expect(ed25519Selector("pw1")).toBe("pw1e");
    const long = "a".repeat(63);
    expect(ed25519Selector(long)).toHaveLength(63);
    expect(ed25519Selector(long)).not.toBe(long);
    expect(ed25519Selector("a".repeat(62) + "e")).not.toBe("a".repeat(62) + "e");
  });
  it("rotates to a selector never used", () => {
    expect(nextSelector("pw1", ["pw1", "pw1e"])).toBe("pw2");
    expect(nextSelector("pw1", ["pw1", "pw2"])).toBe("pw3");
    expect(nextSelector("mail", ["mail"])).toBe("mail2");
    expect(nextSelector("2026", [])).toBe("2027");
    expect(nextSelector("x".repeat(63), []).length).toBeLessThanOrEqual(62);
  });
});

describe("retirableSelectors", () => {
  it("offers each retiring generation once, and a lone retiring Ed25519 key", () => {
    expect(
      retirableSelectors([
        { selector: "pw1", algorithm: "rsa-2048", status: "retiring" },
        { selector: "pw1e", algorithm: "ed25519", status: "retiring" },
        { selector: "pw2", algorithm: "rsa-2048", status: "active" },
        { selector: "pw2e", algorithm: "ed25519", status: "retiring" },
        { selector: "pw0", algorithm: "rsa-2048", status: "retired" },
      ]),
    ).toEqual(["pw1", "pw2e"]);
  });
});
