import { execFileSync } from "node:child_process";
import os from "node:os";

/**
 * The address the e2e suite reaches the wizard on, as a user on the LAN does: a
 * private-range address of this machine, never loopback. Inside a private network
 * namespace (`/work/bin/isolated`, or `npm test`, which makes one) it is added to
 * `lo`; it is never added to the machine's own network.
 */
export const LAN_ADDRESS = process.env.POSTWRIGHT_E2E_ADDRESS ?? "192.168.77.10";
/** Another machine on the same LAN (the attacker of e2e/lan-security.spec.ts): requests are sent from it. */
export const OTHER_LAN_ADDRESS = process.env.POSTWRIGHT_E2E_OTHER_ADDRESS ?? "192.168.77.66";

function hasAddress(address: string): boolean {
  return Object.values(os.networkInterfaces())
    .flat()
    .some((i) => i?.address === address);
}

/**
 * True in a network namespace with nothing but loopback (what `unshare --net`
 * makes): an address added there reaches no network.
 */
export function inPrivateNetworkNamespace(): boolean {
  try {
    const links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).trim().split("\n");
    return links.length === 1 && /^\d+: lo:/.test(links[0]);
  } catch {
    return false;
  }
}

export function ensureLanAddress(): void {
  if (hasAddress(LAN_ADDRESS) && hasAddress(OTHER_LAN_ADDRESS)) return;
  if (!inPrivateNetworkNamespace())
    throw new Error(
      `the e2e suite serves the wizard on ${LAN_ADDRESS}, which this machine does not have. Run it in a network ` +
        "namespace of its own, where it is added to lo: `npm test -- e2e`, or `/work/bin/isolated npx playwright test`.",
    );
  for (const a of [LAN_ADDRESS, OTHER_LAN_ADDRESS])
    if (!hasAddress(a)) execFileSync("ip", ["addr", "add", `${a}/32`, "dev", "lo"]);
}
