import "server-only";
import { db } from "@/lib/db";
import { hashToken, newToken } from "./tokens";

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/** The admin's current session stamp, or null when there is no admin. */
async function currentStamp(): Promise<string | null> {
  const admin = await db.admin.findFirst({ select: { sessionStamp: true } });
  return admin?.sessionStamp || null;
}

/** Opens a session for the admin; returns the cookie value (only its hash is stored). */
export async function createSession(now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const stamp = await currentStamp();
  if (!stamp) throw new Error("no admin to open a session for");
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { idHash: hash, adminStamp: stamp, expiresAt } });
  await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { adminStamp: { not: stamp } }] } });
  return { token, expiresAt };
}

/** A session is valid while unexpired and opened for the admin as they are now (same admin, no password change since). */
export async function isValidSession(token: string | undefined, now = new Date()): Promise<boolean> {
  if (typeof token !== "string" || !token || token.length > 200) return false;
  // Every page asks: one query rather than the session then the admin (the schema has no relation
  // between the two, and each Prisma query costs a compilation).
  const rows = await db.$queryRaw<{ expiresAt: Date }[]>`
    SELECT s."expiresAt" FROM "Session" s JOIN "Admin" a ON a."sessionStamp" = s."adminStamp"
    WHERE s."idHash" = ${hashToken(token)} AND a."sessionStamp" <> ''`;
  return rows.some((r) => r.expiresAt > now);
}

export async function destroySession(token: string | undefined): Promise<void> {
  if (typeof token === "string" && token) await db.session.deleteMany({ where: { idHash: hashToken(token) } });
}

/** Every session of every browser ends (a new stamp: even a copied cookie is dead). */
export async function destroyAllSessions(): Promise<void> {
  await db.$transaction([db.admin.updateMany({ data: { sessionStamp: newToken().token } }), db.session.deleteMany({})]);
}

/** `secure`: the request came over HTTPS (the wizard's own, or a trusted proxy's). */
export const sessionCookieOptions = (expires: Date, secure: boolean) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  path: "/",
  expires,
  secure,
});
