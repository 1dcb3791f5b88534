import "server-only";
import dgram from "node:dgram";
import net from "node:net";
import { randomInt } from "node:crypto";
import dnsPacket from "dns-packet";

export interface DnsServer {
  host: string;
  port: number;
}

export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface DnsResponse {
  rcode: string;
  aa: boolean;
  ad: boolean;
  tc: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
}

export interface DnsQuestion {
  server: DnsServer;
  name: string;
  type: string;
  /** Ask for recursion (a resolver) or not (an authoritative server). */
  recurse: boolean;
  /** Set the DO bit (DNSSEC records, AD from a validating resolver). */
  dnssec?: boolean;
}

export type DnsQuery = (q: DnsQuestion, signal: AbortSignal) => Promise<DnsResponse>;

export class DnsError extends Error {
  constructor(
    message: string,
    readonly code: "timeout" | "network" | "malformed",
  ) {
    super(message);
  }
}

export function formatServer(s: DnsServer): string {
  return s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

/** "host", "host:port", "[v6]:port" or a bare IPv6 address → DnsServer. */
export function parseServer(value: string, defaultPort = 53): DnsServer | null {
  const v = value.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracket) return net.isIPv6(bracket[1]) ? withPort(bracket[1], bracket[2], defaultPort) : null;
  if (net.isIPv6(v)) return { host: v, port: defaultPort };
  const m = /^([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(v);
  return m ? withPort(m[1], m[2], defaultPort) : null;
}

function withPort(host: string, port: string | undefined, defaultPort: number): DnsServer | null {
  if (port === undefined) return { host, port: defaultPort };
  const p = Number(port);
  return Number.isInteger(p) && p > 0 && p < 65536 ? { host, port: p } : null;
}

function encode(q: DnsQuestion, id: number): Buffer {
  return dnsPacket.encode({
    type: "query",
    id,
    flags: q.recurse ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ type: q.type as dnsPacket.RecordType, name: q.name, class: "IN" }],
    additionals: [
      { type: "OPT", name: ".", udpPayloadSize: 4096, flags: q.dnssec ? dnsPacket.DNSSEC_OK : 0 } as dnsPacket.Answer,
    ],
  });
}

function decode(buf: Buffer, id: number, expectName: string): DnsResponse | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let p: any;
  try {
    p = dnsPacket.decode(buf);
  } catch {
    throw new DnsError("malformed DNS response", "malformed");
  }
  // An answer to another question (or a spoofed one) is ignored, as resolvers do.
  const question = p.questions?.[0];
  if (
    p.id !== id ||
    p.type !== "response" ||
    !question ||
    question.name.toLowerCase() !== expectName.toLowerCase().replace(/\.$/, "")
  )
    return null;
  const rr = (list: dnsPacket.Answer[] = []) =>
    list
      .filter((a) => a.type !== "OPT")
      .map((a) => ({
        name: a.name,
        type: a.type,
        ttl: (a as { ttl?: number }).ttl ?? 0,
        data: (a as { data?: unknown }).data,
      }));
  return {
    rcode: p.rcode ?? "NOERROR",
    aa: !!p.flag_aa,
    ad: !!p.flag_ad,
    tc: !!p.flag_tc,
    answers: rr(p.answers),
    authorities: rr(p.authorities),
  };
}

function aborted(signal: AbortSignal, what: string): DnsError {
  return new DnsError(`${what}: no answer before the deadline`, "timeout");
}

function udpQuery(q: DnsQuestion, signal: AbortSignal): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const sock = dgram.createSocket(net.isIPv6(q.server.host) ? "udp6" : "udp4");
    // UDP may drop a packet: ask again every second until the deadline.
    const resend = setInterval(() => sock.send(encode(q, id)), 1000);
    let finished = false;
    const done = (err: Error | null, res?: DnsResponse) => {
      if (finished) return;
      finished = true;
      clearInterval(resend);
      signal.removeEventListener("abort", onAbort);
      sock.close();
      if (err) reject(err);
      else resolve(res!);
    };
    const onAbort = () => done(aborted(signal, `${q.name} ${q.type} @${formatServer(q.server)}`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    sock.on("error", (e) => done(new DnsError(`${formatServer(q.server)}: ${e.message}`, "network")));
    sock.on("message", (msg) => {
      try {
        const res = decode(msg, id, q.name);
        if (res) done(null, res);
      } catch (e) {
        done(e as Error);
      }
    });
    sock.connect(q.server.port, q.server.host, () => sock.send(encode(q, id)));
  });
}

function tcpQuery(q: DnsQuestion, signal: AbortSignal): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const sock = net.connect({ host: q.server.host, port: q.server.port });
    let buf = Buffer.alloc(0);
    const done = (err: Error | null, res?: DnsResponse) => {
      signal.removeEventListener("abort", onAbort);
      sock.destroy();
      if (err) reject(err);
      else resolve(res!);
    };
    const onAbort = () => done(aborted(signal, `${q.name} ${q.type} @${formatServer(q.server)} (tcp)`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    sock.on("error", (e) => done(new DnsError(`${formatServer(q.server)} (tcp): ${e.message}`, "network")));
    sock.on("connect", () => {
      const msg = encode(q, id);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(msg.length);
      sock.write(Buffer.concat([len, msg]));
    });
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      try {
        const res = decode(buf.subarray(2, 2 + buf.readUInt16BE(0)), id, q.name);
        if (res) done(null, res);
        else done(new DnsError("mismatched DNS response", "malformed"));
      } catch (e) {
        done(e as Error);
      }
    });
    sock.on("end", () => done(new DnsError(`${formatServer(q.server)} (tcp): closed without an answer`, "network")));
  });
}

/** One DNS question over UDP, retried over TCP when the answer is truncated. */
export const dnsQuery: DnsQuery = async (q, signal) => {
  const res = await udpQuery(q, signal);
  return res.tc ? tcpQuery(q, signal) : res;
};
