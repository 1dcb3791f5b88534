import https from "node:https";
import net from "node:net";
import { generateDkimKey } from "@/lib/dkim/generate-dkim-key";
import { buildDnsPlan } from "@/lib/dns/plan";
import type { PlanDkimKey } from "@/lib/dns/record";
import { renderZoneFile } from "@/lib/dns/zone-file";
import type { CheckDeps, CheckInput } from "@/lib/checks/check-context";
import { checkInputFor } from "@/lib/checks/check-input";
import type { CheckConfig } from "@/lib/checks/config";
import { reverseName, reversedLabels } from "@/lib/checks/reverse-name";
import { setupInputSchema, withoutSecrets, type SetupDocument, type SetupInput } from "@/lib/setup/schema";
import { startBind, type BindServer } from "../../rig/bind";
import { startFakeMailServer } from "../../rig/fake-mail-server";
import { addTestRoutes, startSilentServer, startSlowProxy, type Stoppable } from "../../rig/misbehaving-servers";
import { commonDnsPort, ensureLoopbackAddress } from "../../rig/ports";
import { startRecursiveResolver } from "../../rig/recursive-resolver";
import { makeTestCertificate } from "../../rig/test-certificate";

/**
 * The corpus's Internet, on loopback: a root server, the domains' two
 * nameservers, an "ISP" server (reverse zones, blocklists, the public-address
 * echo, the port-25 probe host, third-party providers), a recursive BIND that
 * resolves from that root, an HTTPS policy server and SMTP/IMAP listeners,
 * and the misbehaving servers a broken Internet has (silent, slow, refusing,
 * unreachable, dropping). Every case is its own domain (CASE.test) with its
 * own addresses, so all cases are served at once and run side by side.
 */

/** The host addresses of the world, by role (the last octet under the world's /24). */
export const roles = {
  root: 1,
  ns1: 2,
  ns2: 3,
  isp: 4,
  resolver: 5,
  silent: 6,
  slowNs2: 7,
  probe: 8,
  mail: 9,
  closed: 10,
  mailAuthBeforeTls: 11,
  mailNoStartTls: 12,
  mailWrongCert: 13,
  nxResolver: 14,
  refusingResolver: 15,
  silent2: 16,
  slowNs1: 17,
  policyWrongCert: 18,
} as const;

/** Addresses whose packets go nowhere (connections time out) and that have no route (EHOSTUNREACH). */
export const DROPPED = "198.18.1.0/24";
export const UNREACHABLE = "198.18.0.0/24";
export const droppedAddress = "198.18.1.25";
export const unreachableAddress = "198.18.0.25";

export type MailBehaviour = "ok" | "refused" | "unreachable" | "timeout" | "authBeforeTls" | "noStartTls" | "wrongCert";

export interface PolicyBehaviour {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: (planned: string) => string;
  wrongCert?: boolean;
}

/** What a case is handed to write its records with. */
export interface CaseEnv {
  domain: string;
  hostname: string;
  ipv4?: string;
  ipv6?: string;
  /** Loopback address of a role. */
  at(role: keyof typeof roles): string;
  dkimKeys: PlanDkimKey[];
  /** Reversed labels of an address, as blocklists and reverse zones want them. */
  reversed(ip: string): string;
}

export interface WorldCase {
  id: string;
  setup?: Partial<SetupInput>;
  /** Edits the zone the plan makes (both nameservers). */
  zone?: (text: string, env: CaseEnv) => string;
  /** What each nameserver serves: the zone (default), nothing (lame), a zone that fails to load, or another text. */
  servers?: { ns1?: ServerZone; ns2?: ServerZone };
  /** Who answers at the nameservers' addresses (roles of the world); ns2 null: a single nameserver. */
  nameservers?: { ns1?: keyof typeof roles; ns2?: keyof typeof roles | null };
  /** Reverse names (PTR targets) of each address; default the mail host. */
  ptr?: (env: CaseEnv) => { v4?: string[]; v6?: string[] };
  /** Extra records in the ISP's zones (zone name → lines, relative to the zone or absolute). */
  helpers?: (env: CaseEnv) => Record<string, string[]>;
  /** Extra zones on the domain's first nameserver (e.g. an RFC 2317 reverse sub-zone). */
  ns1Zones?: (env: CaseEnv) => { name: string; body: string[] }[];
  mail?: MailBehaviour;
  policy?: PolicyBehaviour;
  config?: (c: CheckConfig, env: CaseEnv) => CheckConfig;
  input?: (i: CheckInput, env: CaseEnv) => CheckInput;
}

type ServerZone = "serve" | "absent" | "broken" | ((text: string, env: CaseEnv) => string);

export interface PreparedCase {
  id: string;
  env: CaseEnv;
  setup: SetupDocument;
  input: CheckInput;
  config: CheckConfig;
}

export interface World {
  port: number;
  at(role: keyof typeof roles): string;
  deps: Partial<CheckDeps>;
  cases: Map<string, PreparedCase>;
  stop(): Promise<void>;
}

const HELPER_ZONES = [
  "2.0.192.in-addr.arpa",
  "100.51.198.in-addr.arpa",
  // 2001:db8::/64
  "0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
  "bl1.test",
  "bl2.test",
  "empty-bl.test",
  "everything-bl.test",
  "public-resolver-bl.test",
  "echo.test",
  "probe.test",
  "provider.test",
  "reports.test",
] as const;

let serial = 2026010100;
const soa = (origin: string, ns: string[]) =>
  `$ORIGIN ${origin === "." ? "" : origin}.\n$TTL 300\n@ IN SOA ${ns[0]}. hostmaster.${origin === "." ? "" : `${origin}.`} ( ${++serial} 3600 600 86400 60 )\n` +
  ns.map((n) => `@ IN NS ${n}.\n`).join("");

function addressFor(i: number): { ipv4: string; ipv6: string } {
  // 192.0.2.192/26 is kept for the RFC 2317 case (its own classless delegation).
  const ipv4 = i < 190 ? `192.0.2.${i + 1}` : `198.51.100.${i - 189}`;
  return { ipv4, ipv6: `2001:db8::${(i + 1).toString(16)}` };
}

export async function startWorld(opts: { net: string; cases: WorldCase[]; deadlineMs?: number }): Promise<World> {
  const at = (role: keyof typeof roles) => `${opts.net}.${roles[role]}`;
  for (const role of Object.keys(roles) as (keyof typeof roles)[]) ensureLoopbackAddress(at(role));
  const removeRoutes = addTestRoutes({ unreachable: UNREACHABLE, dropped: DROPPED });
  const stoppers: (() => Promise<unknown>)[] = [async () => removeRoutes()];
  const stop = async () => {
    await Promise.allSettled(stoppers.reverse().map((s) => s()));
  };
  try {
    const port = await commonDnsPort(Object.keys(roles).map((r) => at(r as keyof typeof roles)));
    const [rsa, ed] = await Promise.all([generateDkimKey("rsa-2048"), generateDkimKey("ed25519")]);
    const dkimKeys: PlanDkimKey[] = [
      { selector: "pw1", algorithm: "rsa-2048", publicKey: rsa.publicKey, status: "active" },
      { selector: "pw1e", algorithm: "ed25519", publicKey: ed.publicKey, status: "active" },
    ];

    // Every case: its setup, plan, zone texts, and its lines in the shared zones.
    const rootLines: string[] = [`a.root-servers.test. IN A ${at("root")}`, `ns.isp.test. IN A ${at("isp")}`];
    for (const z of HELPER_ZONES) rootLines.push(`${z}. IN NS ns.isp.test.`);
    const helper: Record<string, string[]> = Object.fromEntries(HELPER_ZONES.map((z) => [z, [] as string[]]));
    // RFC 5782 §5 test entries: bl1 covers IPv4 and IPv6, bl2 only IPv4.
    helper["bl1.test"].push("2.0.0.127 IN A 127.0.0.2", `${reversedLabels("::ffff:7f00:2")} IN A 127.0.0.2`);
    helper["bl2.test"].push("2.0.0.127 IN A 127.0.0.2");
    helper["everything-bl.test"].push("* IN A 127.0.0.2");
    helper["public-resolver-bl.test"].push("* IN A 127.255.255.254");
    helper["probe.test"].push(
      `mx IN A ${at("probe")}`,
      `closed IN A ${at("closed")}`,
      `dropped IN A ${droppedAddress}`,
      `unreachable IN A ${unreachableAddress}`,
    );
    helper["provider.test"].push(`backup-mx IN A ${at("closed")}`, `ns IN A ${at("isp")}`);
    const ns1Zones: { name: string; text: string }[] = [];
    const ns2Zones: { name: string; text: string }[] = [];
    const certNames: string[] = [];
    const prepared = new Map<string, PreparedCase>();
    const policies = new Map<string, PolicyBehaviour & { planned: string }>();
    const mailFor = new Map<string, MailBehaviour>();

    opts.cases.forEach((c, i) => {
      if (!/^[a-z0-9-]+$/.test(c.id) || prepared.has(c.id)) throw new Error(`bad or repeated case id ${c.id}`);
      const domain = `${c.id}.test`;
      const addr = addressFor(i);
      const setup = withoutSecrets(
        setupInputSchema.parse({
          domain,
          ipv4: addr.ipv4,
          ipv6: addr.ipv6,
          adminEmail: `admin@${domain}`,
          dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
          ...c.setup,
        }),
      );
      const env: CaseEnv = {
        domain: setup.domain,
        hostname: setup.hostname,
        ipv4: setup.ipv4,
        ipv6: setup.ipv6,
        at,
        dkimKeys,
        reversed: reversedLabels,
      };
      certNames.push(setup.hostname, `mta-sts.${setup.domain}`);
      const plan = buildDnsPlan(setup, { dkimKeys });
      const nsAddr = {
        ns1: at(c.nameservers?.ns1 ?? "ns1"),
        ns2: c.nameservers?.ns2 === null ? null : at(c.nameservers?.ns2 ?? "ns2"),
      };
      const nsNames = [`ns1.${setup.domain}`, ...(nsAddr.ns2 ? [`ns2.${setup.domain}`] : [])];
      const base =
        renderZoneFile(plan.records, { origin: setup.domain, serial: ++serial, nameservers: nsNames, ttl: 300 }) +
        `ns1 300 IN A ${nsAddr.ns1}\n` +
        (nsAddr.ns2 ? `ns2 300 IN A ${nsAddr.ns2}\n` : "");
      const text = c.zone ? c.zone(base, env) : base;
      const zoneOn = (s: ServerZone | undefined) =>
        s === "absent"
          ? null
          : s === "broken"
            ? "this is not a zone file\n"
            : typeof s === "function"
              ? s(text, env)
              : text;
      const t1 = zoneOn(c.servers?.ns1);
      const t2 = zoneOn(c.servers?.ns2);
      if (t1) ns1Zones.push({ name: setup.domain, text: t1 });
      if (t2) ns2Zones.push({ name: setup.domain, text: t2 });
      rootLines.push(`${setup.domain}. IN NS ns1.${setup.domain}.`, `ns1.${setup.domain}. IN A ${nsAddr.ns1}`);
      if (nsAddr.ns2)
        rootLines.push(`${setup.domain}. IN NS ns2.${setup.domain}.`, `ns2.${setup.domain}. IN A ${nsAddr.ns2}`);
      for (const z of c.ns1Zones?.(env) ?? [])
        ns1Zones.push({ name: z.name, text: soa(z.name, [`ns1.${setup.domain}`]) + z.body.join("\n") + "\n" });

      // The ISP's part: reverse DNS, the public-address echo.
      const ptr = (ip: string | undefined, names: string[] | undefined) => {
        if (!ip) return;
        const zone = HELPER_ZONES.find((z) => reverseName(ip).endsWith(`.${z}`));
        if (!zone) return;
        for (const n of names ?? [`${setup.hostname}.`]) helper[zone].push(`${reverseName(ip)}. IN PTR ${n}`);
      };
      const names = c.ptr?.(env) ?? {};
      if (!(setup.ipv4 && setup.ipv4.startsWith("192.0.2.") && Number(setup.ipv4.split(".")[3]) >= 192))
        ptr(setup.ipv4, names.v4);
      ptr(setup.ipv6, names.v6);
      if (setup.ipv4) helper["echo.test"].push(`${c.id} IN A ${setup.ipv4}`);
      if (setup.ipv6) helper["echo.test"].push(`${c.id} IN AAAA ${setup.ipv6}`);
      for (const [zone, lines] of Object.entries(c.helpers?.(env) ?? {})) {
        if (!helper[zone]) throw new Error(`${c.id}: no helper zone ${zone}`);
        helper[zone].push(...lines);
      }

      policies.set(`mta-sts.${setup.domain}`, { ...c.policy, planned: plan.mtaSts?.text ?? "" });
      mailFor.set(c.id, c.mail ?? "ok");
      prepared.set(c.id, {
        id: c.id,
        env,
        setup,
        input: checkInputFor(setup, dkimKeys),
        config: undefined as unknown as CheckConfig,
      });
    });

    // DNS: root, the two nameservers, the ISP, misbehaving servers, resolvers.
    const zone = (name: string, nsName: string, lines: string[]) => ({
      name,
      text: soa(name, [nsName]) + lines.join("\n") + "\n",
    });
    const bind = async (address: string, zones: { name: string; text: string }[]) => {
      const s: BindServer = await startBind({ address, port, zones });
      stoppers.push(() => s.stop());
      return s;
    };
    await Promise.all([
      bind(at("root"), [zone(".", "a.root-servers.test", rootLines)]),
      bind(at("ns1"), ns1Zones),
      bind(at("ns2"), ns2Zones),
      bind(
        at("isp"),
        HELPER_ZONES.map((z) => zone(z, "ns.isp.test", helper[z])),
      ),
      // A "resolver" that says nothing exists (an empty root), and one that refuses everyone.
      bind(at("nxResolver"), [zone(".", "a.root-servers.test", [])]),
      bind(at("refusingResolver"), []),
    ]);
    for (const [address, upstream] of [
      [at("slowNs1"), at("ns1")],
      [at("slowNs2"), at("ns2")],
    ]) {
      const p = await startSlowProxy(address, port, { host: upstream, port }, 2000);
      stoppers.push(() => p.stop());
    }
    for (const address of [at("silent"), at("silent2")]) {
      const s: Stoppable = await startSilentServer(address, port);
      stoppers.push(() => s.stop());
    }
    const resolver = await startRecursiveResolver({
      address: at("resolver"),
      port,
      root: { name: "a.root-servers.test", address: at("root") },
    });
    stoppers.push(() => resolver.stop());

    // HTTPS (MTA-STS policies, by Host), SMTP/IMAP listeners, the port-25 probe's banner.
    const cert = makeTestCertificate(certNames);
    const wrong = makeTestCertificate(["other.invalid"]);
    const serve = (address: string, key: string, certPem: string) =>
      new Promise<number>((resolve, reject) => {
        const web = https.createServer({ key, cert: certPem }, (req, res) => {
          const p = policies.get(String(req.headers.host ?? "").replace(/:\d+$/, ""));
          if (!p || req.url !== "/.well-known/mta-sts.txt") return void res.writeHead(404).end();
          const body = p.body ? p.body(p.planned) : p.planned;
          res
            .writeHead(p.status ?? 200, {
              "content-type": p.contentType ?? "text/plain",
              "content-length": Buffer.byteLength(body),
              ...p.headers,
            })
            .end(body);
        });
        stoppers.push(() => (web.closeAllConnections(), new Promise((r) => web.close(r))));
        web.once("error", reject).listen(0, address, () => resolve((web.address() as net.AddressInfo).port));
      });
    const webPort = await serve(at("mail"), cert.keyPem, cert.certPem);
    const wrongWebPort = await serve(at("policyWrongCert"), wrong.keyPem, wrong.certPem);
    const mail = {
      ok: await startFakeMailServer({ address: at("mail"), certPem: cert.certPem, keyPem: cert.keyPem }),
      authBeforeTls: await startFakeMailServer({
        address: at("mailAuthBeforeTls"),
        certPem: cert.certPem,
        keyPem: cert.keyPem,
        authBeforeTls: true,
      }),
      noStartTls: await startFakeMailServer({
        address: at("mailNoStartTls"),
        certPem: cert.certPem,
        keyPem: cert.keyPem,
        startTls: false,
      }),
      wrongCert: await startFakeMailServer({
        address: at("mailWrongCert"),
        certPem: wrong.certPem,
        keyPem: wrong.keyPem,
      }),
    };
    for (const m of Object.values(mail)) stoppers.push(() => m.stop());
    const open = new Set<net.Socket>();
    const banner = net.createServer((s) => {
      open.add(s);
      s.once("close", () => open.delete(s));
      s.on("error", () => {});
      s.end("220 mx.probe.test ESMTP\r\n");
    });
    await new Promise<void>((r, fail) => banner.once("error", fail).listen(25, at("probe"), r));
    stoppers.push(() => {
      for (const s of open) s.destroy();
      return new Promise((r) => banner.close(r));
    });

    const mailAddress: Record<MailBehaviour, string> = {
      ok: at("mail"),
      refused: at("closed"),
      unreachable: unreachableAddress,
      timeout: droppedAddress,
      authBeforeTls: at("mailAuthBeforeTls"),
      noStartTls: at("mailNoStartTls"),
      wrongCert: at("mailWrongCert"),
    };
    const mailPorts = (b: MailBehaviour) =>
      b === "authBeforeTls" || b === "noStartTls" || b === "wrongCert" || b === "ok"
        ? mail[b].ports
        : { 25: 25, 587: 587, 465: 465, 993: 993 };
    for (const c of opts.cases) {
      const p = prepared.get(c.id)!;
      const behaviour = mailFor.get(c.id)!;
      const policy = policies.get(`mta-sts.${p.setup.domain}`)!;
      const connect: CheckConfig["connect"] = {};
      for (const ip of [p.setup.ipv4, p.setup.ipv6].filter((x): x is string => !!x)) {
        for (const [port25, real] of Object.entries(mailPorts(behaviour)))
          connect[`${ip}#${port25}`] = { host: mailAddress[behaviour], port: real };
        connect[`${ip}#443`] = policy.wrongCert
          ? { host: at("policyWrongCert"), port: wrongWebPort }
          : { host: at("mail"), port: webPort };
      }
      const config: CheckConfig = {
        resolver: { host: at("resolver"), port },
        nsPort: port,
        echo: [
          ...(p.setup.ipv4
            ? [{ name: `${c.id}.echo.test`, type: "A" as const, server: { host: at("isp"), port } }]
            : []),
          ...(p.setup.ipv6
            ? [{ name: `${c.id}.echo.test`, type: "AAAA" as const, server: { host: at("isp"), port } }]
            : []),
        ],
        dnsbl: ["bl1.test", "bl2.test"],
        port25Probes: [{ host: "mx.probe.test", port: 25 }],
        deadlineMs: opts.deadlineMs ?? 8000,
        connect,
      };
      p.config = c.config ? c.config(config, p.env) : config;
      if (c.input) p.input = c.input(p.input, p.env);
    }

    return {
      port,
      at,
      deps: { tlsCa: [cert.caPem], localAddresses: () => [] },
      cases: prepared,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
