import "server-only";
import { createHmac, randomInt } from "node:crypto";
import { dnsExchange } from "@/lib/net/dns-client";
import { formatHostPort, parseHostPort, type HostPort } from "@/lib/net/host-port";
import { tsigAlgorithms, type TsigAlgorithm } from "@/lib/setup/options";
import { normalName } from "@/lib/setup/derived";

export type { TsigAlgorithm };

export interface TsigKey {
  name: string;
  algorithm: TsigAlgorithm;
  /** base64, as tsig-keygen prints it */
  secret: string;
}

export interface TxtChange {
  op: "add" | "delete";
  name: string;
  value: string;
  ttl?: number;
}

const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;
const TYPE_SOA = 6;
const TYPE_TXT = 16;
const TYPE_TSIG = 250;
const OPCODE_UPDATE = 5;

function wireName(name: string): Buffer {
  const labels = normalName(name).split(".").filter(Boolean);
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
}

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number) => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const u48 = (n: number) => Buffer.concat([u16(Math.floor(n / 2 ** 32)), u32(n >>> 0)]);

function txtRdata(value: string): Buffer {
  const bytes = Buffer.from(value);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const part = bytes.subarray(i, i + 255);
    chunks.push(Buffer.from([part.length]), part);
  }
  return Buffer.concat(chunks);
}

function record(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  return Buffer.concat([wireName(name), u16(type), u16(klass), u32(ttl), u16(rdata.length), rdata]);
}

/**
 * An RFC 2136 UPDATE of TXT records in `zone`, signed with TSIG (RFC 8945).
 * Written by hand because dns-packet knows neither the NONE class nor TSIG.
 */
function buildTxtUpdate(
  zone: string,
  changes: TxtChange[],
  key: TsigKey,
  now = new Date(),
  id = randomInt(65536),
): Buffer {
  const updates = changes.map((c) =>
    c.op === "add"
      ? record(c.name, TYPE_TXT, CLASS_IN, c.ttl ?? 60, txtRdata(c.value))
      : record(c.name, TYPE_TXT, CLASS_NONE, 0, txtRdata(c.value)),
  );
  const header = (arcount: number) =>
    Buffer.concat([u16(id), u16(OPCODE_UPDATE << 11), u16(1), u16(0), u16(updates.length), u16(arcount)]);
  const body = Buffer.concat([wireName(zone), u16(TYPE_SOA), u16(CLASS_IN), ...updates]);
  const unsigned = Buffer.concat([header(0), body]);
  const timeSigned = Math.floor(now.getTime() / 1000);
  const fudge = 300;
  const algorithm = wireName(key.algorithm);
  const variables = Buffer.concat([
    wireName(key.name),
    u16(CLASS_ANY),
    u32(0),
    algorithm,
    u48(timeSigned),
    u16(fudge),
    u16(0),
    u16(0),
  ]);
  const mac = createHmac(key.algorithm.replace("hmac-", ""), Buffer.from(key.secret, "base64"))
    .update(unsigned)
    .update(variables)
    .digest();
  const rdata = Buffer.concat([algorithm, u48(timeSigned), u16(fudge), u16(mac.length), mac, u16(id), u16(0), u16(0)]);
  return Buffer.concat([header(1), body, record(key.name, TYPE_TSIG, CLASS_ANY, 0, rdata)]);
}

const RFC2136_HINTS: Record<string, string> = {
  REFUSED:
    "the server refused the update: check that the zone allows updates with this key (allow-update / update-policy)",
  NOTAUTH:
    "the server did not accept the TSIG key: check the key name, algorithm and secret, and that this machine's clock is right",
  NOTZONE: "the name is not inside the zone the server holds",
  SERVFAIL: "the server failed while applying the update: look at its log",
};

/** Sends one signed TXT update to `server`; throws with a plain explanation when refused. */
export async function sendTxtUpdate(server: HostPort, zone: string, changes: TxtChange[], key: TsigKey): Promise<void> {
  const { rcode } = await dnsExchange(server, buildTxtUpdate(zone, changes, key), AbortSignal.timeout(3000));
  if (rcode !== "NOERROR") {
    const hint = RFC2136_HINTS[rcode] ?? "see the server's log";
    throw new Error(`DNS update of ${zone} at ${formatHostPort(server)} answered ${rcode}: ${hint}`);
  }
}

/** The primary nameserver of --rfc2136 or the form, "HOST[:PORT]"; throws a plain message when it is not one. */
export function parseUpdateServer(text: string): HostPort {
  const server = parseHostPort(text);
  if (!server) throw new Error(`"${text}" is not a nameserver address (HOST or IP, with an optional :port)`);
  return server;
}

/** Parses "NAME:ALG:SECRET" (as the CLI's --tsig takes it). */
export function parseTsigKey(text: string): TsigKey {
  const [name, algorithm, ...rest] = text.split(":");
  const secret = rest.join(":");
  if (!name || !algorithm || !secret)
    throw new Error("a TSIG key is NAME:ALGORITHM:SECRET, e.g. acme-key:hmac-sha256:base64secret==");
  const alg = algorithm.toLowerCase();
  if (!(tsigAlgorithms as readonly string[]).includes(alg))
    throw new Error(`unknown TSIG algorithm "${algorithm}" (use one of ${tsigAlgorithms.join(", ")})`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) throw new Error("the TSIG secret must be base64");
  return { name, algorithm: alg as TsigAlgorithm, secret };
}
