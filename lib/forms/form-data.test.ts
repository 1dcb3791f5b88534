import { describe, expect, it } from "vitest";
import { formDataToObject, type FormFields } from "./form-data";

const spec: FormFields = {
  names: ["domain", "dmarc.policy", "dmarc.reportEmail"],
  rows: { mailboxes: { fields: ["address", "password"], max: 5 } },
};

describe("formDataToObject", () => {
  it("nests the form's own names, builds rows in index order and drops empty rows", () => {
    const f = new FormData();
    f.set("domain", "example.test");
    f.set("dmarc.policy", "reject");
    f.set("mailboxes.2.address", "c@example.test");
    f.set("mailboxes.0.address", "a@example.test");
    f.set("mailboxes.0.password", "");
    f.set("mailboxes.1.address", "");
    f.set("mailboxes.1.password", "");
    f.set("__proto__.polluted", "x");
    f.set("$ACTION_ID_abc", "");
    expect(formDataToObject(f, spec)).toEqual({
      domain: "example.test",
      dmarc: { policy: "reject" },
      mailboxes: [{ address: "a@example.test", password: "" }, { address: "c@example.test" }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores names the form does not have, out-of-range rows and shape clashes, quickly", () => {
    const f = new FormData();
    for (const name of [
      "mailboxes.length",
      "mailboxes.0",
      "dmarc",
      "mailboxes.100000000.address",
      "mailboxes.5.address",
      "mailboxes.01.address",
      "mailboxes.-1.address",
      "mailboxes.0.constructor",
      "constructor.prototype.x",
      "a.".repeat(20_000) + "b",
      "mailboxes.__proto__.address",
    ])
      f.append(name, "x");
    f.append("dmarc.policy", "none");
    f.append("mailboxes.4.address", "e@example.test");
    const started = performance.now();
    expect(formDataToObject(f, spec)).toEqual({
      dmarc: { policy: "none" },
      mailboxes: [{ address: "e@example.test" }],
    });
    expect(performance.now() - started).toBeLessThan(100);
  });
});
