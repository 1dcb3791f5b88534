import "server-only";
import https from "node:https";
import tls from "node:tls";
import acme from "acme-client";

let trusted: string | undefined;

/**
 * Makes acme-client (its one axios instance) trust `caPem` besides the public
 * roots: a private CA such as Pebble, without NODE_EXTRA_CA_CERTS. Process-wide,
 * as acme-client's HTTP client is.
 */
export function trustAcmeCa(caPem: string | undefined): void {
  if (!caPem || caPem === trusted) return;
  trusted = caPem;
  acme.axios.defaults.httpsAgent = new https.Agent({ ca: [...tls.rootCertificates, caPem], keepAlive: false });
}
