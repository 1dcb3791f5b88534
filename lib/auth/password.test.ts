import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { createRateLimiter } from "./rate-limit";

describe("admin password hash", () => {
  it("verifies the right password only", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterz", h)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("login rate limit", () => {
  it("locks a key out after too many failures, until the window ends", () => {
    let t = 0;
    const rl = createRateLimiter({ max: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfter("a")).toBe(0);
      rl.fail("a");
    }
    expect(rl.retryAfter("a")).toBe(1000);
    expect(rl.retryAfter("b")).toBe(0);
    t = 1001;
    expect(rl.retryAfter("a")).toBe(0);
  });
});
