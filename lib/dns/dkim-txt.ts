/** The DKIM key record's value (RFC 6376 §3.6.1, RFC 8463 for Ed25519). */
export function dkimTxtValue(algorithm: "rsa-2048" | "ed25519", publicKey: string): string {
  return `v=DKIM1; k=${algorithm === "ed25519" ? "ed25519" : "rsa"}; p=${publicKey}`;
}
