import "server-only";
import net from "node:net";
import dnsPacket, { type Answer, type DecodedPacket, type RecordType } from "dns-packet";
import { dnsQuery } from "@/lib/checks/dns-client";

export interface DnsServer {
  address: string;
  port: number;
}

export interface DnsAnswer {
  rcode: string;
  authoritative: boolean;
  answers: Answer[];
  authorities: Answer[];
}

/** What lib/acme needs from DNS, injectable so tests and the page aim it at any server. */
export interface DnsClient {
  query(server: DnsServer, name: string, type: RecordType, opts?: { recursionDesired?: boolean }): Promise<DnsAnswer>;
  /** Sends an already encoded message (RFC 2136 UPDATE) over TCP and returns the decoded reply. */
  exchange(server: DnsServer, message: Buffer): Promise<DecodedPacket>;
}

/** Parses "ADDR[:PORT]" (IPv6 in brackets) into a server. */
export function parseDnsServer(text: string, defaultPort = 53): DnsServer {
  const t = text.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  const [address, port] = v6
    ? [v6[1], v6[2]]
    : t.includes(":") && t.split(":").length === 2
      ? t.split(":")
      : [t, undefined];
  if (!net.isIP(address)) throw new Error(`"${text}" is not an IP address (with an optional :port)`);
  const p = port === undefined ? defaultPort : Number(port);
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`"${text}" has an invalid port`);
  return { address, port: p };
}

function tcpExchange(server: DnsServer, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.address);
    let data = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no answer from ${server.address}:${server.port} within ${timeoutMs} ms`)),
    );
    socket.on("connect", () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(message.length);
      socket.write(Buffer.concat([len, message]));
    });
    socket.on("data", (d) => {
      data = Buffer.concat([data, d]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        socket.end();
        resolve(data.subarray(2, 2 + data.readUInt16BE(0)));
      }
    });
    socket.on("error", reject);
  });
}

const RCODES = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
];
export const rcodeName = (code: number) => RCODES[code] ?? `RCODE${code}`;

/**
 * A DNS client with no cache, so polling sees changes at once. Questions go
 * through the checks' client (UDP with resends, TCP when truncated, answers
 * matched to the question); only RFC 2136 UPDATE messages are sent here.
 */
export function createDnsClient(timeoutMs = 3000): DnsClient {
  return {
    async query(server, name, type, opts = {}) {
      const reply = await dnsQuery(
        { server: { host: server.address, port: server.port }, name, type, recurse: opts.recursionDesired !== false },
        AbortSignal.timeout(timeoutMs),
      );
      return {
        rcode: reply.rcode,
        authoritative: reply.aa,
        answers: reply.answers as Answer[],
        authorities: reply.authorities as Answer[],
      };
    },
    async exchange(server, message) {
      return dnsPacket.decode(await tcpExchange(server, message, timeoutMs));
    },
  };
}
