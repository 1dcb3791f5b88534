import "@/test/temp-db";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Counts the (costly) hashes: a request with a wrong setup token must not cause one.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("./password", async (original) => {
  const real = await original<typeof import("./password")>();
  return {
    ...real,
    hashPassword: async (p: string) => {
      hashes.count++;
      return real.hashPassword(p);
    },
  };
});

const { claimAdmin, changeAdminPassword } = await import("./admin");
const { issueSetupToken } = await import("./first-run");
const { createSession, destroyAllSessions, isValidSession } = await import("./session");
const { db } = await import("@/lib/db");

describe("admin and sessions", () => {
  beforeEach(async () => {
    await db.session.deleteMany({});
    await db.admin.deleteMany({});
    hashes.count = 0;
  });

  it("checks the setup token before hashing anything", async () => {
    await issueSetupToken();
    const bogus = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimAdmin(`bogus-${i}`, "a long enough password")),
    );
    expect(bogus.every((ok) => !ok)).toBe(true);
    expect(hashes.count).toBe(0);
    const token = (await issueSetupToken())!;
    expect(await claimAdmin(token, "a long enough password")).toBe(true);
    expect(hashes.count).toBe(1);
    expect(await claimAdmin(token, "a long enough password")).toBe(false); // spent
  });

  it("ties sessions to the admin: a password change, log out everywhere or a new admin ends them", async () => {
    expect(await claimAdmin((await issueSetupToken())!, "first admin password")).toBe(true);
    const a = await createSession();
    expect(await isValidSession(a.token)).toBe(true);
    expect(await isValidSession(a.token, new Date(a.expiresAt.getTime() - 1000))).toBe(true);
    expect(await isValidSession(a.token, a.expiresAt)).toBe(false);
    await changeAdminPassword("second admin password");
    expect(await isValidSession(a.token)).toBe(false);
    const b = await createSession();
    await destroyAllSessions();
    expect(await isValidSession(b.token)).toBe(false);
    const c = await createSession();
    // The admin row removed by hand, a new admin claimed: the old cookie stays dead.
    await db.admin.deleteMany({});
    expect(await isValidSession(c.token)).toBe(false);
    expect(await claimAdmin((await issueSetupToken())!, "another admin password")).toBe(true);
    expect(await isValidSession(c.token)).toBe(false);
    expect(await isValidSession(undefined)).toBe(false);
    expect(await isValidSession({ not: "x" } as unknown as string)).toBe(false);
  });
});
