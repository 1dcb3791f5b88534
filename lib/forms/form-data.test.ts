import { describe, expect, it } from "vitest";
import { formDataToObject } from "./form-data";

describe("formDataToObject", () => {
  it("nests dotted names, builds arrays and drops empty rows", () => {
    const f = new FormData();
    f.set("domain", "example.test");
    f.set("dmarc.policy", "reject");
    f.set("mailboxes.0.address", "a@example.test");
    f.set("mailboxes.0.password", "");
    f.set("mailboxes.1.address", "");
    f.set("mailboxes.1.password", "");
    f.set("mailboxes.2.address", "c@example.test");
    f.set("__proto__.polluted", "x");
    f.set("$ACTION_ID_abc", "");
    expect(formDataToObject(f)).toEqual({
      domain: "example.test",
      dmarc: { policy: "reject" },
      mailboxes: [{ address: "a@example.test", password: "" }, { address: "c@example.test" }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
