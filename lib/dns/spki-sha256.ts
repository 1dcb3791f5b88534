import { createHash, X509Certificate } from "node:crypto";

/** SHA-256 of the leaf certificate's SubjectPublicKeyInfo, as TLSA 3 1 1 publishes it. */
export function spkiSha256(chainPem: string): string {
  const der = new X509Certificate(chainPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}
