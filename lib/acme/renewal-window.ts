import { X509Certificate } from "node:crypto";

const DAY = 86_400_000;

export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY);
}

/** Without ARI: renew when a third of the lifetime is left, at most 30 days before expiry. */
export function defaultRenewalTime(cert: { notBefore: Date; notAfter: Date }): Date {
  const lifetime = cert.notAfter.getTime() - cert.notBefore.getTime();
  return new Date(cert.notAfter.getTime() - Math.min(30 * DAY, lifetime / 3));
}

/** Reads a DER length at `i`; returns [length, offset of the content]. */
function derLength(der: Buffer, i: number): [number, number] {
  const first = der[i];
  if (first < 0x80) return [first, i + 1];
  const n = first & 0x7f;
  let len = 0;
  for (let k = 0; k < n; k++) len = len * 256 + der[i + 1 + k];
  return [len, i + 1 + n];
}

const b64url = (b: Buffer) => b.toString("base64url");

/**
 * The ARI certificate identifier (RFC 9773): base64url(authority key id) "."
 * base64url(serial). Node exposes neither the AKI nor the raw serial, so the
 * extension is found in the DER by its OID (2.5.29.35).
 */
export function ariCertId(certPem: string): string {
  const cert = new X509Certificate(certPem);
  const der = cert.raw;
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]);
  let i = der.indexOf(oid);
  if (i < 0) throw new Error("the certificate has no authority key identifier");
  i += oid.length;
  if (der[i] === 0x01) i += 3; // critical BOOLEAN
  if (der[i] !== 0x04) throw new Error("malformed authority key identifier");
  let [, at] = derLength(der, i + 1); // OCTET STRING
  if (der[at] !== 0x30) throw new Error("malformed authority key identifier");
  [, at] = derLength(der, at + 1); // SEQUENCE
  if (der[at] !== 0x80) throw new Error("the authority key identifier has no key id");
  const [len, start] = derLength(der, at + 1);
  const keyId = der.subarray(start, start + len);
  let serial = Buffer.from(cert.serialNumber.length % 2 ? `0${cert.serialNumber}` : cert.serialNumber, "hex");
  if (serial[0] & 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  return `${b64url(keyId)}.${b64url(serial)}`;
}

export interface RenewalPlan {
  daysLeft: number;
  renewAt: Date;
  due: boolean;
  source: "ari" | "lifetime";
  explanationUrl?: string;
}

/**
 * When to renew: inside the CA's suggested window when it offers ACME Renewal
 * Information (`fetchAri` returns the window, or null), else a third of the
 * lifetime before expiry.
 */
export async function planRenewal(
  cert: { chainPem: string; notBefore: Date; notAfter: Date },
  now: Date,
  fetchAri?: (certId: string) => Promise<{ start: Date; end: Date; explanationUrl?: string } | null>,
): Promise<RenewalPlan> {
  const left = daysLeft(cert.notAfter, now);
  const ari = fetchAri ? await fetchAri(ariCertId(cert.chainPem)).catch(() => null) : null;
  if (ari) {
    // Start of the window: the CA may move it earlier (e.g. a revocation), never later than its end.
    const renewAt = ari.start;
    return { daysLeft: left, renewAt, due: now >= renewAt, source: "ari", explanationUrl: ari.explanationUrl };
  }
  const renewAt = defaultRenewalTime(cert);
  return { daysLeft: left, renewAt, due: now >= renewAt, source: "lifetime" };
}
