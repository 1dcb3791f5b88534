import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBind, type BindServer } from "./bind";
import { startPebble, type PebbleServer } from "./pebble";
import { freePort } from "./ports";

/** Addresses of helper #5's loopback range (127.0.13.0/24). */
export const ACME_NET = { pebble: "127.0.13.1", ns1: "127.0.13.2", mailhost: "127.0.13.3", ns2: "127.0.13.4" };

export const zoneText = (domain: string, serial: number, extra = "", nameservers = ["ns1"]) => `$ORIGIN ${domain}.
$TTL 60
@ IN SOA ns1 hostmaster ${serial} 3600 600 86400 60
${nameservers.map((n) => `@ IN NS ${n}`).join("\n")}
ns1 IN A ${ACME_NET.ns1}
ns2 IN A ${ACME_NET.ns2}
mail IN A ${ACME_NET.mailhost}
mta-sts IN A ${ACME_NET.mailhost}
autoconfig IN CNAME mail
autodiscover IN CNAME mail
${extra}
`;

export interface AcmeWorld {
  ns1: BindServer;
  ns2: BindServer;
  pebble: PebbleServer;
  stop(): Promise<void>;
}

/**
 * Pebble validating through ns1; zones: `dynamic` (RFC 2136 on ns1), `twoNs`
 * served by ns1 and ns2 on the same port (two authoritative servers that can
 * disagree), and any `extra` static zones on ns1.
 */
export async function startAcmeWorld(opts: {
  dynamic: string[];
  twoNs: string[];
  extra?: { name: string; text: string }[];
  eab?: { kid: string; hmacKey: string };
  authzReuse?: number;
}): Promise<AcmeWorld> {
  const port = await freePort(ACME_NET.ns1);
  const both = opts.twoNs.map((d) => ({ name: d, text: zoneText(d, 1, "", ["ns1", "ns2"]), allowUpdate: true }));
  const ns1 = await startBind({
    address: ACME_NET.ns1,
    port,
    zones: [
      ...opts.dynamic.map((d) => ({ name: d, text: zoneText(d, 1), allowUpdate: true })),
      ...both,
      ...(opts.extra ?? []),
    ],
  });
  const ns2 = await startBind({ address: ACME_NET.ns2, port, zones: both }).catch(
    async (e) => (await ns1.stop(), Promise.reject(e)),
  );
  const pebble = await startPebble({
    address: ACME_NET.pebble,
    dnsServer: ns1,
    eab: opts.eab,
    authzReuse: opts.authzReuse,
  }).catch(async (e) => (await ns1.stop(), await ns2.stop(), Promise.reject(e)));
  return {
    ns1,
    ns2,
    pebble,
    async stop() {
      await Promise.allSettled([pebble.stop(), ns1.stop(), ns2.stop()]);
    },
  };
}

/** Runs `openssl verify` of a chain's leaf against Pebble's root and intermediate; returns openssl's output. */
export async function verifyWithPebbleRoot(pebble: PebbleServer, chainPem: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-verify-"));
  try {
    const { root, intermediate } = await pebble.roots();
    fs.writeFileSync(path.join(dir, "root.pem"), root);
    fs.writeFileSync(path.join(dir, "intermediate.pem"), intermediate);
    const leaf = chainPem.slice(0, chainPem.indexOf("-----END CERTIFICATE-----") + 25) + "\n";
    fs.writeFileSync(path.join(dir, "leaf.pem"), leaf);
    return execFileSync(
      "openssl",
      [
        "verify",
        "-CAfile",
        path.join(dir, "root.pem"),
        "-untrusted",
        path.join(dir, "intermediate.pem"),
        path.join(dir, "leaf.pem"),
      ],
      { encoding: "utf8" },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The `postwright cert` flags that aim the CLI at the world's CA and nameservers. */
export const cliAcmeFlags = (world: AcmeWorld) => [
  "--ca-cert",
  world.pebble.listenerCaFile,
  "--dns-server",
  `${world.ns1.address}:${world.ns1.port}`,
  "--nameserver-port",
  String(world.ns1.port),
  "--caa-identity",
  "pebble.test",
];
