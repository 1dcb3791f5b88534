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

/** Values given on the command line (postwright cert); each replaces its environment variable. */
export interface AcmeFlags {
  caCert?: string;
  dnsServer?: string;
  nameserverPort?: string;
  httpPort?: string;
  caaIdentity?: string;
}

/**
 * The real I/O for lib/acme, from the environment (or the CLI's flags):
 * POSTWRIGHT_ACME_DIRECTORY, POSTWRIGHT_ACME_CA_CERT (PEM file), POSTWRIGHT_DNS_SERVERS
 * (ADDR[:PORT],…), POSTWRIGHT_DNS_NAMESERVER_PORT, POSTWRIGHT_ACME_HTTP_PORT,
 * POSTWRIGHT_ACME_CAA_IDENTITIES (comma list). Throws a message naming the bad variable or flag.
 */
export function acmeEnv(env: NodeJS.ProcessEnv = process.env, flags: AcmeFlags = {}): AcmeEnv {
  // A flag wins over its variable, and is named in the message when it is wrong.
  const value = (flag: keyof AcmeFlags, option: string, ...names: string[]) => {
    if (flags[flag] !== undefined) return { name: option, v: flags[flag]!.trim() };
    const name = names.find((n) => env[n]?.trim()) ?? names[0];
    return { name, v: env[name]?.trim() };
  };
  const port = ({ name, v }: { name: string; v?: string }, fallback: number) => {
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
    return n;
  };
  // The checks' variables serve as defaults, so one POSTWRIGHT_RESOLVER / POSTWRIGHT_NS_PORT aims both.
  const servers = value("dnsServer", "--dns-server", "POSTWRIGHT_DNS_SERVERS", "POSTWRIGHT_RESOLVER");
  const caFile = value("caCert", "--ca-cert", "POSTWRIGHT_ACME_CA_CERT").v;
  const caa = list(value("caaIdentity", "--caa-identity", "POSTWRIGHT_ACME_CAA_IDENTITIES").v);
  return {
    dns: dnsQuery,
    resolvers: (list(servers.v).length ? list(servers.v) : dns.getServers()).map((s) => {
      const server = parseHostPort(s);
      if (!server) throw new Error(`${servers.name}: "${s}" is not a resolver address (HOST[:PORT])`);
      return server;
    }),
    nameserverPort: port(
      value("nameserverPort", "--nameserver-port", "POSTWRIGHT_DNS_NAMESERVER_PORT", "POSTWRIGHT_NS_PORT"),
      53,
    ),
    httpPort: port(value("httpPort", "--http-port", "POSTWRIGHT_ACME_HTTP_PORT"), 80),
    caPem: caFile ? fs.readFileSync(caFile, "utf8") : undefined,
    directoryOverride: env.POSTWRIGHT_ACME_DIRECTORY?.trim() || undefined,
    // A private CA chosen by the operator may live on the LAN (lib/acme/outbound-target.ts).
    allowPrivateTargets: !!(caFile || env.POSTWRIGHT_ACME_DIRECTORY?.trim()),
    caaIdentities: caa.length ? caa : undefined,
  };
}
