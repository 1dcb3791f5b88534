import "server-only";
import dns from "node:dns/promises";
import { isPublicAddress } from "@/lib/setup/addresses";

/**
 * Where the wizard may connect for ACME on a user's behalf: only to the
 * Internet, unless the operator chose a private CA explicitly (its certificate
 * in POSTWRIGHT_ACME_CA_CERT, or POSTWRIGHT_ACME_DIRECTORY): a directory URL or a
 * host name typed in a form must not turn the wizard into a probe of the LAN.
 */
export class PrivateTargetError extends Error {
  constructor(readonly target: string) {
    super(
      `${target} is on this machine or the local network: only a CA on the Internet is used, unless you set POSTWRIGHT_ACME_DIRECTORY or POSTWRIGHT_ACME_CA_CERT for a private one`,
    );
    this.name = "PrivateTargetError";
  }
}

/** Throws PrivateTargetError when `url`'s host is, or resolves to, a non-public address. */
export async function assertPublicUrl(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = /^[\d.]+$|:/.test(host)
    ? [host]
    : (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (!addresses.length || !addresses.every(isPublicAddress)) throw new PrivateTargetError(hostname);
}
