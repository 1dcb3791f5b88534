import "server-only";
import dgram from "node:dgram";
import net from "node:net";
import { randomInt } from "node:crypto";
import dnsPacket from "dns-packet";
import { formatHostPort, type HostPort } from "./host-port";

export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface DnsResponse {
  /** dns-packet's name of the response code: "NOERROR", "NXDOMAIN", "SERVFAIL", … */
  rcode: string;
  aa: boolean;
  ad: boolean;
  tc: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  /** The additional section (glue addresses of a referral), without the OPT pseudo-record. */
  additionals?: DnsRecord[];
}

export interface DnsQuestion {
  server: HostPort;
  name: string;
  type: string;
  /** Ask for recursion (a resolver) or not (an authoritative server). */
  recurse: boolean;
  /** Set the DO bit (DNSSEC records, AD from a validating resolver). */
  dnssec?: boolean;
}

/** One DNS question, answered or rejected before `signal` aborts. Injected wherever DNS is asked. */
export type DnsQuery = (q: DnsQuestion, signal: AbortSignal) => Promise<DnsResponse>;

/** A name looked up through whatever the caller asks (a resolver, a per-run cache, one nameserver). */
export type Lookup = (name: string, type: string) => Promise<DnsResponse>;

class DnsError extends Error {
  constructor(
    message: string,
    readonly code: "timeout" | "network" | "malformed",
    /** Who was asked ("192.0.2.53:53"), and the system's error code (ECONNREFUSED…), for a message in the reader's language. */
    readonly server?: string,
    readonly sysCode?: string,
  ) {
    super(message);
  }
}

function queryPacket(q: DnsQuestion, id: number): dnsPacket.Packet {
  return {
    type: "query",
    id,
    flags: q.recurse ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ type: q.type as dnsPacket.RecordType, name: q.name, class: "IN" }],
    additionals: [
      { type: "OPT", name: ".", udpPayloadSize: 4096, flags: q.dnssec ? dnsPacket.DNSSEC_OK : 0 } as dnsPacket.Answer,
    ],
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Decoded = any;

function decodeOrThrow(decode: () => Decoded): Decoded {
  try {
    return decode();
  } catch {
    throw new DnsError("malformed DNS response", "malformed");
  }
}

/** The response to question `q` with `id`, or null when the packet answers something else (or is spoofed). */
function toResponse(p: Decoded, id: number, q: DnsQuestion): DnsResponse | null {
  const question = p.questions?.[0];
  if (
    p.id !== id ||
    p.type !== "response" ||
    !question ||
    // dns-packet names the root "."; compare without the trailing dot, so the root question matches too.
    question.name.toLowerCase().replace(/\.$/, "") !== q.name.toLowerCase().replace(/\.$/, "")
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
    additionals: rr(p.additionals),
  };
}

const timeout = (what: string, server?: string) =>
  new DnsError(`${what}: no answer before the deadline`, "timeout", server);
const networkError = (server: string, e: Error) =>
  new DnsError(`${server}: ${e.message}`, "network", server, (e as NodeJS.ErrnoException).code);

function udpQuery(q: DnsQuestion, signal: AbortSignal): Promise<DnsResponse> {
  return new Promise((resolve, reject) => {
    const id = randomInt(0, 65536);
    const message = dnsPacket.encode(queryPacket(q, id));
    const sock = dgram.createSocket(net.isIPv6(q.server.host) ? "udp6" : "udp4");
    // UDP may drop a packet: ask again every second until the deadline (once connected).
    let resend: NodeJS.Timeout | undefined;
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
    const onAbort = () => done(timeout(`${q.name} ${q.type} @${formatHostPort(q.server)}`, formatHostPort(q.server)));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    sock.on("error", (e) => done(networkError(formatHostPort(q.server), e)));
    sock.on("message", (msg) => {
      try {
        const res = toResponse(
          decodeOrThrow(() => dnsPacket.decode(msg)),
          id,
          q,
        );
        if (res) done(null, res);
      } catch (e) {
        done(e as Error);
      }
    });
    // A failed connect (no route: EHOSTUNREACH, ENETUNREACH) is passed to this callback, not emitted.
    sock.connect(q.server.port, q.server.host, (e?: Error) => {
      if (e) return done(networkError(formatHostPort(q.server), e));
      if (finished) return;
      sock.send(message);
      resend = setInterval(() => sock.send(message), 1000);
    });
  });
}

/**
 * Sends one length-prefixed DNS message over TCP (RFC 1035 §4.2.2) and
 * resolves with the decoded reply (dns-packet's stream decoding).
 */
function tcpExchange(server: HostPort, framed: Buffer, signal: AbortSignal, what: string): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    let finished = false;
    const done = (err: Error | null, reply?: Decoded) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener("abort", onAbort);
      sock.destroy();
      if (err) reject(err);
      else resolve(reply);
    };
    const onAbort = () => done(timeout(`${what} @${formatHostPort(server)} (tcp)`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    sock.on("error", (e) => done(networkError(`${formatHostPort(server)} (tcp)`, e)));
    sock.on("connect", () => sock.write(framed));
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 2) return;
      try {
        const reply = decodeOrThrow(() => dnsPacket.streamDecode(buf));
        if (reply) done(null, reply);
      } catch (e) {
        done(e as Error);
      }
    });
    sock.on("end", () =>
      done(
        new DnsError(
          `${formatHostPort(server)} (tcp): closed without an answer`,
          "network",
          `${formatHostPort(server)} (tcp)`,
          "ECONNRESET",
        ),
      ),
    );
  });
}

async function tcpQuery(q: DnsQuestion, signal: AbortSignal): Promise<DnsResponse> {
  const id = randomInt(0, 65536);
  const reply = await tcpExchange(q.server, dnsPacket.streamEncode(queryPacket(q, id)), signal, `${q.name} ${q.type}`);
  const res = toResponse(reply, id, q);
  if (!res) throw new DnsError("mismatched DNS response", "malformed");
  return res;
}

/** One DNS question over UDP, retried over TCP when the answer is truncated. */
export const dnsQuery: DnsQuery = async (q, signal) => {
  const res = await udpQuery(q, signal);
  return res.tc ? tcpQuery(q, signal) : res;
};

/**
 * Sends a message dns-packet cannot build (an RFC 2136 UPDATE signed with
 * TSIG) over TCP and returns the reply's response code, as dns-packet names it.
 */
export async function dnsExchange(server: HostPort, message: Buffer, signal: AbortSignal): Promise<{ rcode: string }> {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  const reply = await tcpExchange(server, Buffer.concat([length, message]), signal, "DNS message");
  return { rcode: reply.rcode ?? "NOERROR" };
}
