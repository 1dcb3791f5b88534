import { describe, expect, it } from "vitest";
import { setupInputSchema } from "@/lib/setup/schema";
import { describeIssues, issuesByField } from "./issues";

describe("issue messages", () => {
  it("names the bad field in plain English", () => {
    const r = setupInputSchema.safeParse({
      domain: "example.test",
      adminEmail: "a@b.test",
      ipv4: "1.2.3",
      mailboxes: [{ address: "x" }],
      bogus: 1,
    });
    expect(r.success).toBe(false);
    const lines = describeIssues(r.error!.issues);
    expect(lines).toContain("ipv4: Not a valid IPv4 address (four numbers from 0 to 255, e.g. 203.0.113.7).");
    expect(lines.some((l) => l.startsWith("mailboxes[0].address: Not a valid e-mail address"))).toBe(true);
    expect(lines).toContain("bogus: Unknown field.");
    expect(issuesByField(r.error!.issues)["ipv4"]).toEqual(["ipv4"]);
  });

  it("reports a missing required field", () => {
    const r = setupInputSchema.safeParse({ ipv4: "203.0.113.1" });
    expect(describeIssues(r.error!.issues)).toEqual(
      expect.arrayContaining(["domain: Required.", "adminEmail: Required."]),
    );
  });

  it("treats a field named __proto__ as a name", () => {
    const r = setupInputSchema.safeParse(
      JSON.parse(
        '{"__proto__": {"admin": true}, "constructor": 1, "domain": "x.test", "ipv4": "203.0.113.1", "adminEmail": "a@b.test"}',
      ),
    );
    const byField = issuesByField(r.error!.issues);
    expect(Object.getPrototypeOf(byField)).toBe(Object.prototype);
    expect(Object.keys(byField).sort()).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
