import { createPublicKey, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";

export type DkimAlgorithm = "rsa-2048" | "ed25519";

export interface DkimKeyPair {
  algorithm: DkimAlgorithm;
  /** PKCS#8 PEM: what mailauth reads (the rspamd renderer converts Ed25519 to rspamd's own form). */
  privateKeyPem: string;
  /** The p= value of the DNS record. */
  publicKey: string;
}

const generate = promisify(generateKeyPair);

/** A fresh DKIM key, made off the event loop (libuv thread pool). */
export async function generateDkimKey(algorithm: DkimAlgorithm): Promise<DkimKeyPair> {
  const pkcs8 = { type: "pkcs8", format: "pem" } as const;
  const { privateKey } =
    algorithm === "rsa-2048"
      ? await generate("rsa", {
          modulusLength: 2048,
          publicExponent: 0x10001,
          privateKeyEncoding: pkcs8,
          publicKeyEncoding: { type: "spki", format: "pem" },
        })
      : await generate("ed25519", { privateKeyEncoding: pkcs8, publicKeyEncoding: { type: "spki", format: "pem" } });
  return { algorithm, privateKeyPem: privateKey, publicKey: dkimPublicKeyValue(privateKey) };
}

/**
 * The p= value for a private (or public) key: base64 DER SubjectPublicKeyInfo
 * for RSA (RFC 6376), the raw 32-byte public key for Ed25519 (RFC 8463 §4.2).
 */
export function dkimPublicKeyValue(pem: string): string {
  const pub = createPublicKey(pem);
  if (pub.asymmetricKeyType === "ed25519") {
    const x = pub.export({ format: "jwk" }).x;
    if (!x) throw new Error("Ed25519 key without x");
    return Buffer.from(x, "base64url").toString("base64");
  }
  if (pub.asymmetricKeyType === "rsa")
    return (pub.export({ type: "spki", format: "der" }) as Buffer).toString("base64");
  throw new Error(`unsupported DKIM key type ${pub.asymmetricKeyType}`);
}
