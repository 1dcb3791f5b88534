import "server-only";
import dns from "node:dns";
import fs from "node:fs";
import { dnsQuery } from "@/lib/net/dns-client";
import { parseHostPort } from "@/lib/net/host-port";
import type { AcmeDeps } from "./order-machine";
import type { PreflightDeps } from "./preflight";

export interface AcmeEnv extends AcmeDeps, PreflightDeps {
  /** Replaces the Setup document's directory (tests aim everything at Pebble). */
  directoryOverride?: string;
  caaIdentities?: string[];
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The real I/O for lib/acme, from the environment:
 * POSTWRIGHT_ACME_DIRECTORY, POSTWRIGHT_ACME_CA_CERT (PEM file), POSTWRIGHT_DNS_SERVERS
 * (ADDR[:PORT],…), POSTWRIGHT_DNS_NAMESERVER_PORT, POSTWRIGHT_ACME_HTTP_PORT,
 * POSTWRIGHT_ACME_CAA_IDENTITIES (comma list).
 */
export function acmeEnv(env: NodeJS.ProcessEnv = process.env): AcmeEnv {
  // The checks' variables serve as defaults, so one POSTWRIGHT_RESOLVER / POSTWRIGHT_NS_PORT aims both.
  const servers = list(env.POSTWRIGHT_DNS_SERVERS ?? env.POSTWRIGHT_RESOLVER);
  const caFile = env.POSTWRIGHT_ACME_CA_CERT?.trim();
  const port = (name: string, fallback: number) => {
    const v = env[name]?.trim();
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
    return n;
  };
  return {
    dns: dnsQuery,
    resolvers: (servers.length ? servers : dns.getServers()).map((s) => {
      const server = parseHostPort(s);
      if (!server) throw new Error(`"${s}" is not a resolver address (HOST[:PORT])`);
      return server;
    }),
    nameserverPort: port(
      env.POSTWRIGHT_DNS_NAMESERVER_PORT ? "POSTWRIGHT_DNS_NAMESERVER_PORT" : "POSTWRIGHT_NS_PORT",
      53,
    ),
    httpPort: port("POSTWRIGHT_ACME_HTTP_PORT", 80),
    caPem: caFile ? fs.readFileSync(caFile, "utf8") : undefined,
    directoryOverride: env.POSTWRIGHT_ACME_DIRECTORY?.trim() || undefined,
    // A private CA chosen by the operator may live on the LAN (lib/acme/outbound-target.ts).
    allowPrivateTargets: !!(caFile || env.POSTWRIGHT_ACME_DIRECTORY?.trim()),
    caaIdentities: list(env.POSTWRIGHT_ACME_CAA_IDENTITIES).length
      ? list(env.POSTWRIGHT_ACME_CAA_IDENTITIES)
      : undefined,
  };
}
