import "server-only";
import { db } from "@/lib/db";
import { hashToken, newToken } from "./tokens";

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Opens a session; returns the cookie value (only its hash is stored). */
export async function createSession(now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { idHash: hash, expiresAt } });
  await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return { token, expiresAt };
}

export async function isValidSession(token: string | undefined, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db.session.findUnique({ where: { idHash: hashToken(token) } });
  return !!row && row.expiresAt > now;
}

export async function destroySession(token: string | undefined): Promise<void> {
  if (token) await db.session.deleteMany({ where: { idHash: hashToken(token) } });
}

export const sessionCookieOptions = (expires: Date) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  path: "/",
  expires,
  // The wizard is served over plain HTTP on the LAN; Secure would drop the cookie there.
  secure: false,
});
