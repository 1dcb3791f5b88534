import https from "node:https";
import net from "node:net";
import dgram from "node:dgram";
import { generateDkimKey } from "@/lib/dkim/generate-dkim-key";
import { buildDnsPlan, type DnsPlan } from "@/lib/dns/plan";
import type { PlanDkimKey } from "@/lib/dns/record";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { setupInputSchema, withoutSecrets, type SetupDocument, type SetupInput } from "@/lib/setup/schema";
import type { CheckDeps, CheckInput } from "@/lib/checks/check-context";
import { checkInputFor } from "@/lib/checks/check-input";
import { reversedLabels } from "@/lib/checks/reverse-name";
import type { CheckConfig } from "@/lib/checks/config";
import { startBind, type BindServer } from "./bind";
import { commonDnsPort, ensureLoopbackAddress } from "./ports";
import { makeTestCertificate } from "./test-certificate";

export const RIG_IPV4 = "192.0.2.10";
export const RIG_IPV6 = "2001:db8::10";
export const REV4_ZONE = "2.0.192.in-addr.arpa";
export const REV6_ZONE = "0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";

export interface ChecksRigOptions {
  /** First three octets of the loopback addresses, e.g. "127.0.12". */
  net: string;
  setup?: Partial<SetupInput>;
}

export interface ChecksRig {
  setup: SetupDocument;
  dkimKeys: PlanDkimKey[];
  plan: DnsPlan;
  input: CheckInput;
  config: CheckConfig;
  deps: Partial<CheckDeps>;
  ns1: BindServer;
  ns2: BindServer;
  nsPort: number;
  /** The domain zone as the plan makes it, with a fresh serial, after `edit`. */
  domainZone(edit?: (text: string) => string): string;
  /** Publishes the domain zone on both nameservers (or one). */
  publish(text: string, on?: "both" | "ns1" | "ns2"): Promise<void>;
  /** Replaces a helper zone (reverse, blocklist, echo) on the resolver. */
  setHelperZone(name: string, body: string): Promise<void>;
  helperZone(name: string, body: string): string;
  /** A zone file from elsewhere (e.g. the DNS step's download) with this rig's SOA (fresh serial), NS and glue. */
  zoneFor(text: string): string;
  /** The environment variables that aim the checks (CLI, server) at this rig. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** The POSTWRIGHT_* variables for a configuration (the inverse of checkConfigFromEnv). */
export function configEnv(c: CheckConfig): Record<string, string> {
  const hp = (h: { host: string; port: number }) =>
    (h.host.includes(":") ? `[${h.host}]` : h.host) + (h.port ? `:${h.port}` : "");
  return {
    POSTWRIGHT_RESOLVER: hp(c.resolver),
    POSTWRIGHT_NS_PORT: String(c.nsPort),
    POSTWRIGHT_DNSBL: c.dnsbl.join(","),
    POSTWRIGHT_ECHO: c.echo.map((e) => `${e.name}/${e.type}@${hp(e.server)}`).join(","),
    POSTWRIGHT_PORT25_PROBES: c.port25Probes.map(hp).join(","),
    POSTWRIGHT_CHECK_DEADLINE: String(c.deadlineMs),
    POSTWRIGHT_CONNECT: Object.entries(c.connect)
      .map(([k, v]) => {
        const [ip, port] = k.split("#");
        return `${hp({ host: ip, port: Number(port ?? 0) })}=${hp(v)}`;
      })
      .join(","),
  };
}

let serial = 1000;
/** `nsDomain`: where the nameservers' names live (the setup's own domain for its zone, so any domain works, IDNs included). */
const soa = (name: string, s: number, nsDomain = "example.test") =>
  `$ORIGIN ${name}.\n$TTL 60\n@ IN SOA ns1.${nsDomain}. hostmaster.${nsDomain}. ( ${s} 3600 600 86400 30 )\n@ IN NS ns1.${nsDomain}.\n`;

/**
 * Everything the checks talk to, on loopback: two BIND nameservers for the
 * setup's zone built from its own DNS plan (the first also serves the
 * reverse, echo and blocklist zones and acts as the resolver), an HTTPS
 * server for the MTA-STS policy, and an SMTP banner for the port-25 probe.
 */
export async function startChecksRig(opts: ChecksRigOptions): Promise<ChecksRig> {
  const a = (n: number) => `${opts.net}.${n}`;
  for (const n of [1, 2, 8, 9]) ensureLoopbackAddress(a(n));
  const setup = withoutSecrets(
    setupInputSchema.parse({
      domain: "example.test",
      ipv4: RIG_IPV4,
      ipv6: RIG_IPV6,
      adminEmail: "admin@example.test",
      dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
      ...opts.setup,
    }),
  );
  const [rsa, ed] = await Promise.all([generateDkimKey("rsa-2048"), generateDkimKey("ed25519")]);
  const dkimKeys: PlanDkimKey[] = [
    { selector: "pw1", algorithm: "rsa-2048", publicKey: rsa.publicKey, status: "active" },
    { selector: "pw1e", algorithm: "ed25519", publicKey: ed.publicKey, status: "active" },
  ];
  const plan = buildDnsPlan(setup, { dkimKeys });
  const nsPort = await commonDnsPort([a(1), a(2)]);
  const domainZone = (edit: (t: string) => string = (t) => t) =>
    edit(
      renderZoneFile(plan.records, {
        origin: setup.domain,
        serial: ++serial,
        nameservers: [`ns1.${setup.domain}`, `ns2.${setup.domain}`],
        ttl: 60,
      }) + `ns1 60 IN A ${a(1)}\nns2 60 IN A ${a(2)}\n`,
    );
  const helperZone = (name: string, body: string) => soa(name, ++serial) + body + "\n";
  const ptr = `${setup.hostname}.`;
  const helpers: Record<string, string> = {
    [REV4_ZONE]: `10 IN PTR ${ptr}`,
    [REV6_ZONE]: `0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR ${ptr}`,
    "echo.test": `myip IN A ${RIG_IPV4}\nmyip IN AAAA ${RIG_IPV6}`,
    // RFC 5782 §5 test entries: a blocklist counts only when it lists 127.0.0.2 (and ::ffff:7f00:2 for IPv6).
    "bl1.test": `2.0.0.127 IN A 127.0.0.2\n${reversedLabels("::ffff:7f00:2")} IN A 127.0.0.2`,
    "bl2.test": "2.0.0.127 IN A 127.0.0.2",
    // The top-level domain, as the resolver's view of the public DNS (the network preflight asks its SOA).
    test: `ns1.example 60 IN A ${a(1)}`,
  };
  const firstZone = domainZone();
  const ns1 = await startBind({
    address: a(1),
    port: nsPort,
    zones: [
      { name: setup.domain, text: firstZone },
      ...Object.entries(helpers).map(([name, body]) => ({ name, text: helperZone(name, body) })),
    ],
  });
  const ns2 = await startBind({ address: a(2), port: nsPort, zones: [{ name: setup.domain, text: firstZone }] }).catch(
    async (e) => {
      await ns1.stop();
      throw e;
    },
  );

  const cert = makeTestCertificate([`mta-sts.${setup.domain}`, setup.hostname]);
  const policy = plan.mtaSts!.text;
  const web = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    if (req.url === "/.well-known/mta-sts.txt")
      res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(policy) }).end(policy);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => web.listen(0, a(9), r));
  const webPort = (web.address() as net.AddressInfo).port;
  const open = new Set<net.Socket>();
  const banner = net.createServer((s) => {
    open.add(s);
    s.once("close", () => open.delete(s));
    s.on("error", () => {});
    s.end("220 probe.test ESMTP\r\n");
  });
  await new Promise<void>((r) => banner.listen(0, a(8), r));
  const bannerPort = (banner.address() as net.AddressInfo).port;

  const resolver = { host: a(1), port: nsPort };
  const config: CheckConfig = {
    resolver,
    nsPort,
    echo: [
      { name: "myip.echo.test", type: "A", server: resolver },
      { name: "myip.echo.test", type: "AAAA", server: resolver },
    ],
    dnsbl: ["bl1.test", "bl2.test"],
    port25Probes: [{ host: a(8), port: bannerPort }],
    deadlineMs: 3000,
    // The setup's documentation addresses stand for this host: HTTPS goes to the policy server, every other port to an address with nothing listening.
    connect: {
      [`${RIG_IPV4}#443`]: { host: a(9), port: webPort },
      [`${RIG_IPV6}#443`]: { host: a(9), port: webPort },
      [RIG_IPV4]: { host: a(9), port: 0 },
      [RIG_IPV6]: { host: a(9), port: 0 },
    },
  };
  return {
    setup,
    dkimKeys,
    plan,
    input: checkInputFor(setup, dkimKeys),
    config,
    deps: { tlsCa: [cert.caPem], localAddresses: () => [] },
    ns1,
    ns2,
    nsPort,
    domainZone,
    helperZone,
    async publish(text, on = "both") {
      const zone = { name: setup.domain, text };
      if (on !== "ns2") await ns1.setZone(zone);
      if (on !== "ns1") await ns2.setZone(zone);
    },
    zoneFor(text) {
      const body = text
        .split("\n")
        .filter((l) => !/^@\s+(\d+\s+)?IN\s+(SOA|NS)\s/.test(l) && !/^\$ORIGIN/.test(l))
        .join("\n");
      return `${soa(setup.domain, ++serial, setup.domain)}@ IN NS ns2.${setup.domain}.\nns1 60 IN A ${a(1)}\nns2 60 IN A ${a(2)}\n${body}\n`;
    },
    env: () => configEnv(config),
    async setHelperZone(name, body) {
      await ns1.setZone({ name, text: helperZone(name, body) });
    },
    async stop() {
      web.closeAllConnections();
      for (const s of open) s.destroy();
      await Promise.allSettled([
        ns1.stop(),
        ns2.stop(),
        new Promise((r) => web.close(r)),
        new Promise((r) => banner.close(r)),
      ]);
    },
  };
}

/** A UDP "nameserver" that reads every question and never answers. */
export async function startBlackhole(address: string, port: number): Promise<{ stop(): Promise<void> }> {
  ensureLoopbackAddress(address);
  const sock = dgram.createSocket("udp4");
  sock.on("message", () => {});
  await new Promise<void>((r) => sock.bind(port, address, r));
  return { stop: () => new Promise<void>((r) => sock.close(() => r())) };
}
