import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getSecret, getSecretById } from "@/lib/secrets/store";
import type { OrderData } from "./order-record";

export interface CurrentCertificate {
  id: string;
  chainPem: string;
  privateKeyPem: string;
  names: string[];
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/** The setup's newest certificate with its private key (server-only: the key is a secret), or null. */
export async function getCurrentCertificate(setupId: string): Promise<CurrentCertificate | null> {
  const row = await db.certificate.findFirst({
    where: { setupId },
    orderBy: [{ notBefore: "desc" }, { createdAt: "desc" }],
  });
  if (!row) return null;
  const privateKeyPem = await getSecretById(row.secretId);
  if (!privateKeyPem) throw new Error(`the private key of certificate ${row.id} is missing`);
  return {
    id: row.id,
    chainPem: row.chainPem,
    privateKeyPem,
    names: JSON.parse(row.names) as string[],
    issuer: row.issuer,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
  };
}

/**
 * The setup's newest certificate, public parts only (no key), read once per page render:
 * the step layout's progress, the DNS plan's TLSA and the Certificate step's details share it.
 */
export const newestCertificate = cache((setupId: string) =>
  db.certificate.findFirst({
    where: { setupId },
    orderBy: [{ notBefore: "desc" }, { createdAt: "desc" }],
    select: { id: true, names: true, issuer: true, chainPem: true, notBefore: true, notAfter: true, secretId: true },
  }),
);

/** The certificate's public details only (safe for pages): no key. */
export async function getCertificateSummary(setupId: string) {
  const r = await newestCertificate(setupId);
  return r
    ? {
        id: r.id,
        names: JSON.parse(r.names) as string[],
        issuer: r.issuer,
        notBefore: r.notBefore,
        notAfter: r.notAfter,
      }
    : null;
}

/** The ACME account URI that obtained the setup's certificate (for the CAA accounturi in the DNS plan), or null. */
export async function getAcmeAccountUri(setupId: string): Promise<string | null> {
  const rows = await db.acmeOrder.findMany({
    where: { setupId },
    orderBy: { createdAt: "desc" },
    select: { data: true, state: true },
  });
  const done = rows.find((r) => r.state === "done") ?? rows[0];
  return done ? ((JSON.parse(done.data) as OrderData).accountUrl ?? null) : null;
}

export interface RenewalSettings {
  method: "dns-01-manual" | "dns-01-rfc2136" | "http-01";
  directoryUrl: string;
  email: string;
  names: string[];
  /** dns-01-rfc2136 only; `secret` is the TSIG secret (server-only: for the bundle's certbot credentials file) */
  rfc2136?: { server: string; keyName: string; algorithm: string; secret: string | null };
}

/**
 * How the setup's certificate was obtained, for the bundle to let the mail host
 * renew on its own (e.g. certbot with the same CA, method and TSIG key), or null.
 */
export async function getRenewalSettings(setupId: string): Promise<RenewalSettings | null> {
  const row = await db.acmeOrder.findFirst({ where: { setupId, state: "done" }, orderBy: { createdAt: "desc" } });
  if (!row) return null;
  const data = JSON.parse(row.data) as OrderData;
  const rfc = data.rfc2136;
  return {
    method: row.method as RenewalSettings["method"],
    directoryUrl: row.directoryUrl,
    email: data.email,
    names: data.names,
    rfc2136: rfc
      ? {
          server: rfc.server,
          keyName: rfc.keyName,
          algorithm: rfc.algorithm,
          secret: await getSecret(setupId, "tsig-secret", `acme-order:${row.id}`),
        }
      : undefined,
  };
}
