import type { AcmeDeps } from "@/lib/acme/order-machine";
import type { PreflightDeps } from "@/lib/acme/preflight";
import { dnsQuery } from "@/lib/net/dns-client";
import type { AcmeWorld } from "./acme-world";

/** What lib/acme needs to reach the world's CA and nameservers (vitest only: the DNS client is server-only). */
export const acmeDeps = (world: AcmeWorld): PreflightDeps & AcmeDeps => ({
  dns: dnsQuery,
  resolvers: [{ host: world.ns1.address, port: world.ns1.port }],
  nameserverPort: world.ns1.port,
  httpPort: world.pebble.httpPort,
  caPem: world.pebble.listenerCaPem,
});
