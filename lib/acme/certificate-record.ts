import "server-only";
import { X509Certificate } from "node:crypto";
import { db } from "@/lib/db";

export interface CertificateDetails {
  names: string[];
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

/** Names, issuer and validity of the leaf (first) certificate of a PEM chain. */
function readCertificateDetails(chainPem: string): CertificateDetails {
  const leaf = new X509Certificate(chainPem);
  const names = (leaf.subjectAltName ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.startsWith("DNS:"))
    .map((s) => s.slice(4));
  const field = (dn: string, key: string) =>
    dn
      .split("\n")
      .find((l) => l.startsWith(`${key}=`))
      ?.slice(key.length + 1);
  const issuer =
    [field(leaf.issuer, "O"), field(leaf.issuer, "CN")].filter(Boolean).join(", ") || leaf.issuer.replace(/\n/g, ", ");
  return {
    names,
    issuer,
    serial: leaf.serialNumber,
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
  };
}

/** Stores an issued chain; the private key is already sealed in Secret `keySecretId`. */
export async function saveCertificate(setupId: string, chainPem: string, keySecretId: string): Promise<string> {
  const d = readCertificateDetails(chainPem);
  const row = await db.certificate.create({
    data: {
      setupId,
      names: JSON.stringify(d.names),
      issuer: d.issuer,
      chainPem,
      secretId: keySecretId,
      notBefore: d.notBefore,
      notAfter: d.notAfter,
    },
    select: { id: true },
  });
  return row.id;
}
