import "server-only";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { hashToken } from "./tokens";

/** Sets the first admin password with a valid one-time token; false when the token is spent or wrong. */
export async function claimAdmin(token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if ((await tx.admin.count()) > 0) return false;
    const used = await tx.setupToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    await tx.admin.create({ data: { id: 1, passwordHash } });
    return true;
  });
}

export async function checkAdminPassword(password: string): Promise<boolean> {
  const admin = await db.admin.findUnique({ where: { id: 1 }, select: { passwordHash: true } });
  // Hash anyway when there is no admin, so timing does not tell.
  if (!admin) {
    await hashPassword(password);
    return false;
  }
  return verifyPassword(password, admin.passwordHash);
}
