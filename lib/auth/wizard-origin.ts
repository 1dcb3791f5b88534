import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir } from "@/lib/db/url";

/** Whether the wizard serves HTTPS itself (HTTPS=0: plain HTTP behind the user's own TLS proxy). */
export function servesHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  return !["0", "false", "off", "no"].includes((env.HTTPS ?? "1").trim().toLowerCase());
}

/** The certificate the wizard serves: POSTWRIGHT_TLS_CERT, or its own beside the database. */
export function certificateFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.POSTWRIGHT_TLS_CERT?.trim() || path.join(dataDir(env), "https.crt");
}

/** SHA-256 fingerprint of the served certificate (as browsers show it), or null (none yet, or plain HTTP). */
export function certificateFingerprint(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!servesHttps(env)) return null;
  try {
    return new X509Certificate(fs.readFileSync(/*turbopackIgnore: true*/ certificateFile(env))).fingerprint256;
  } catch {
    return null;
  }
}

/** The addresses a person on the LAN can open a wizard path with. */
export function lanUrls(port: number | string, pathname: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const scheme = servesHttps(env) ? "https" : "http";
  const hosts = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address);
  return ["localhost", ...hosts].map((h) => `${scheme}://${h}:${port}${pathname}`);
}
