import { ed25519Selector } from "./selector-names";

/**
 * The selectors a user can retire: each retiring RSA selector (retireDkim takes
 * its Ed25519 partner along), and a retiring Ed25519 key whose RSA partner is
 * still active (the setup stopped asking for Ed25519).
 */
export function retirableSelectors(keys: { selector: string; algorithm: string; status: string }[]): string[] {
  const retiringRsa = keys.filter((k) => k.status === "retiring" && k.algorithm === "rsa-2048").map((k) => k.selector);
  const partners = new Set(retiringRsa.map(ed25519Selector));
  const loneEd = keys
    .filter((k) => k.status === "retiring" && k.algorithm === "ed25519" && !partners.has(k.selector))
    .map((k) => k.selector);
  return [...retiringRsa, ...loneEd];
}
