import "server-only";
import { db } from "@/lib/db";
import { hashToken, newToken } from "./tokens";
import { certificateFingerprint, lanUrls } from "./wizard-origin";

export { lanUrls };

export async function adminExists(): Promise<boolean> {
  return (await db.admin.count()) > 0;
}

/** A fresh one-time setup token (older unused ones stop working). Null when an admin exists. */
export async function issueSetupToken(): Promise<string | null> {
  if (await adminExists()) return null;
  const { token, hash } = newToken();
  await db.$transaction([
    db.setupToken.deleteMany({ where: { usedAt: null } }),
    db.setupToken.create({ data: { tokenHash: hash } }),
  ]);
  return token;
}

export async function isSetupTokenValid(token: string): Promise<boolean> {
  if (!token || token.length > 200 || (await adminExists())) return false;
  const row = await db.setupToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return !!row && !row.usedAt;
}

/** Called once at server start: prints the setup link while nobody has set the admin password. */
export async function announceSetupLink(port: number | string): Promise<void> {
  const token = await issueSetupToken();
  if (!token) return;
  const urls = lanUrls(port, `/setup/${token}`);
  const fingerprint = certificateFingerprint();
  console.log(
    [
      "",
      "Postwright: no admin password yet. Open this one-time link to set it:",
      ...urls.map((u) => `  ${u}`),
      ...(fingerprint
        ? [
            "If your browser warns that it does not know the certificate, check that the SHA-256",
            `fingerprint it shows is this one before going on:\n  ${fingerprint}`,
          ]
        : []),
      "",
    ].join("\n"),
  );
}
