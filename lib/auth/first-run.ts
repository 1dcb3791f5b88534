import "server-only";
import os from "node:os";
import { db } from "@/lib/db";
import { hashToken, newToken } from "./tokens";

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

/** The addresses a person on the LAN can open the link with. */
export function lanUrls(port: number | string, pathname: string): string[] {
  const hosts = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address);
  return ["localhost", ...hosts].map((h) => `http://${h}:${port}${pathname}`);
}

/** Called once at server start: prints the setup link while nobody has set the admin password. */
export async function announceSetupLink(port: number | string): Promise<void> {
  const token = await issueSetupToken();
  if (!token) return;
  const urls = lanUrls(port, `/setup/${token}`);
  console.log(
    [
      "",
      "Postwright: no admin password yet. Open this one-time link to set it:",
      ...urls.map((u) => `  ${u}`),
      "",
    ].join("\n"),
  );
}
