import { describe, expect, it } from "vitest";
import { cleanPastedHostname } from "./names";

describe("cleanPastedHostname", () => {
  it("keeps the host of a pasted URL", () => {
    expect(cleanPastedHostname("https://example.com/")).toBe("example.com");
    expect(cleanPastedHostname("  http://Élodie-mail.test:8080/a/b?c=d#e ")).toBe("Élodie-mail.test");
    expect(cleanPastedHostname("https://user:pw@example.com")).toBe("example.com");
    expect(cleanPastedHostname("example.com/")).toBe("example.com");
    expect(cleanPastedHostname("//example.com/x")).toBe("example.com");
    expect(cleanPastedHostname("example.com.")).toBe("example.com");
  });
  it("leaves anything else as typed", () => {
    expect(cleanPastedHostname("example.com")).toBe("example.com");
    expect(cleanPastedHostname("not a domain")).toBe("not a domain");
    expect(cleanPastedHostname("")).toBe("");
  });
});
