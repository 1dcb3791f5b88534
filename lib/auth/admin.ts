import "server-only";
import { db } from "@/lib/db";
import { isSetupTokenValid } from "./first-run";
import { hashPassword, verifyPassword } from "./password";
import { hashToken, newToken } from "./tokens";

/**
 * Sets the first admin password with a valid one-time token; false when the
 * token is spent or wrong. The token is checked before the (costly) hash runs,
 * and spent in the same transaction that creates the admin.
 */
export async function claimAdmin(token: string, password: string): Promise<boolean> {
  if (!(await isSetupTokenValid(token))) return false;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if ((await tx.admin.count()) > 0) return false;
    const used = await tx.setupToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    await tx.admin.create({ data: { id: 1, passwordHash, sessionStamp: newToken().token } });
    return true;
  });
}

export async function checkAdminPassword(password: string): Promise<boolean> {
  const admin = await db.admin.findFirst({ select: { passwordHash: true } });
  // Hash anyway when there is no admin, so timing does not tell.
  if (!admin) {
    await hashPassword(password);
    return false;
  }
  return verifyPassword(password, admin.passwordHash);
}

/** A new admin password; every session ends (the caller opens a new one for the browser that asked). */
export async function changeAdminPassword(password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction([
    db.admin.updateMany({ data: { passwordHash, sessionStamp: newToken().token } }),
    db.session.deleteMany({}),
  ]);
}
