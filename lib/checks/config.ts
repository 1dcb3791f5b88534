import { parseHostPort, type HostPort } from "@/lib/net/host-port";
import { normalName } from "@/lib/setup/derived";

export interface EchoService {
  /** The name to ask, e.g. "myip.opendns.com". */
  name: string;
  type: "A" | "AAAA" | "TXT";
  /** The server to ask directly (an IP, or a name resolved through the resolver). */
  server: HostPort;
}

/** Every network target of the checks; tests aim them all at the rig. */
export interface CheckConfig {
  resolver: HostPort;
  nsPort: number;
  echo: EchoService[];
  dnsbl: string[];
  port25Probes: HostPort[];
  deadlineMs: number;
  /** Where to really connect when a check dials one of the setup's own addresses ("ip" or "ip:port" → host:port). */
  connect: Record<string, HostPort>;
}

export const defaultCheckConfig: CheckConfig = {
  resolver: { host: "1.1.1.1", port: 53 },
  nsPort: 53,
  echo: [
    { name: "myip.opendns.com", type: "A", server: { host: "208.67.222.222", port: 53 } },
    { name: "myip.opendns.com", type: "AAAA", server: { host: "2620:119:35::35", port: 53 } },
  ],
  dnsbl: ["zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org", "psbl.surriel.com"],
  port25Probes: [
    { host: "gmail-smtp-in.l.google.com", port: 25 },
    { host: "outlook-com.olc.protection.outlook.com", port: 25 },
    { host: "mx01.mail.icloud.com", port: 25 },
  ],
  deadlineMs: 8000,
  connect: {},
};

/** The environment variables, their CLI flags, and what they take (for --help). */
export const checkConfigVariables = [
  ["POSTWRIGHT_RESOLVER", "--resolver", "recursive resolver HOST[:PORT]", "1.1.1.1:53"],
  ["POSTWRIGHT_NS_PORT", "--ns-port", "port of the domain's nameservers", "53"],
  [
    "POSTWRIGHT_ECHO",
    "--echo",
    "public-IP echo services NAME/TYPE@SERVER[:PORT],…",
    "myip.opendns.com/A@208.67.222.222,myip.opendns.com/AAAA@[2620:119:35::35]",
  ],
  [
    "POSTWRIGHT_DNSBL",
    "--dnsbl",
    "blocklist zones ZONE,… (replaces the default list)",
    defaultCheckConfig.dnsbl.join(","),
  ],
  [
    "POSTWRIGHT_PORT25_PROBES",
    "--port25-probe",
    "hosts whose SMTP banner proves outbound port 25 HOST[:PORT],…",
    defaultCheckConfig.port25Probes.map((p) => p.host).join(","),
  ],
  ["POSTWRIGHT_CHECK_DEADLINE", "--deadline", "deadline per check, milliseconds", "8000"],
  ["POSTWRIGHT_CONNECT", "--connect", "dial another address for the setup's own IP: IP[:PORT]=HOST[:PORT],…", "(none)"],
] as const;

export type ConfigKey = "resolver" | "nsPort" | "echo" | "dnsbl" | "port25Probes" | "deadlineMs" | "connect";
const keyOf: Record<string, ConfigKey> = {
  POSTWRIGHT_RESOLVER: "resolver",
  POSTWRIGHT_NS_PORT: "nsPort",
  POSTWRIGHT_ECHO: "echo",
  POSTWRIGHT_DNSBL: "dnsbl",
  POSTWRIGHT_PORT25_PROBES: "port25Probes",
  POSTWRIGHT_CHECK_DEADLINE: "deadlineMs",
  POSTWRIGHT_CONNECT: "connect",
};

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses one textual value (from an env var or a flag); throws an Error with a clear message. */
export function parseConfigValue<K extends ConfigKey>(key: K, value: string): CheckConfig[K] {
  const bad = (what: string): never => {
    throw new Error(`invalid ${what}: ${JSON.stringify(value)}`);
  };
  switch (key) {
    case "resolver":
      return (parseHostPort(value) ?? bad("resolver (HOST[:PORT])")) as CheckConfig[K];
    case "nsPort": {
      const n = Number(value);
      return (Number.isInteger(n) && n > 0 && n < 65536 ? n : bad("nameserver port")) as CheckConfig[K];
    }
    case "deadlineMs": {
      const n = Number(value);
      return (Number.isInteger(n) && n >= 100 && n <= 120_000 ? n : bad("deadline (100–120000 ms)")) as CheckConfig[K];
    }
    case "dnsbl": {
      const zones = list(value).map((z) => normalName(z));
      if (!zones.length || zones.some((z) => !/^([a-z0-9-]+\.)+[a-z0-9-]+$/.test(z)))
        bad("blocklist zones (ZONE,ZONE…)");
      return zones as CheckConfig[K];
    }
    case "port25Probes": {
      const probes = list(value).map((p) => parseHostPort(p, 25) ?? bad("port-25 probe (HOST[:PORT])"));
      if (!probes.length) bad("port-25 probe list");
      return probes as CheckConfig[K];
    }
    case "echo":
      return list(value).map((e) => {
        const m = /^([A-Za-z0-9.-]+)\/(A|AAAA|TXT)@(.+)$/i.exec(e) ?? bad("echo service (NAME/TYPE@SERVER[:PORT])");
        const server = parseHostPort(m[3]) ?? bad("echo server");
        return { name: m[1], type: m[2].toUpperCase() as EchoService["type"], server };
      }) as CheckConfig[K];
    case "connect": {
      const map: Record<string, HostPort> = {};
      for (const e of list(value)) {
        const [from, to] = e.split("=");
        const target = (to && parseHostPort(to, 0)) || bad("connect mapping (IP[:PORT]=HOST[:PORT])");
        const source = (from && parseHostPort(from, 0)) || bad("connect mapping (IP[:PORT]=HOST[:PORT])");
        map[connectKey(source.host, source.port)] = target;
      }
      return map as CheckConfig[K];
    }
  }
  return bad(key);
}

/** The key of a connect mapping: "ip" (any port) or "ip#port". */
export function connectKey(ip: string, port: number): string {
  return port ? `${ip}#${port}` : ip;
}

/** The configuration from environment variables over the defaults. */
export function checkConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  base: CheckConfig = defaultCheckConfig,
): CheckConfig {
  const config: CheckConfig = { ...base };
  for (const [name, key] of Object.entries(keyOf)) {
    const v = env[name];
    if (v !== undefined && v.trim() !== "")
      (config as unknown as Record<string, unknown>)[key] = parseConfigValue(key, v);
  }
  return config;
}
