import "server-only";
import dgram from "node:dgram";
import net from "node:net";
import { randomInt } from "node:crypto";
import dnsPacket, { type Answer, type DecodedPacket, type RecordType } from "dns-packet";

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
  const [address, port] = v6 ? [v6[1], v6[2]] : t.includes(":") && t.split(":").length === 2 ? t.split(":") : [t, undefined];
  if (!net.isIP(address)) throw new Error(`"${text}" is not an IP address (with an optional :port)`);
  const p = port === undefined ? defaultPort : Number(port);
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`"${text}" has an invalid port`);
  return { address, port: p };
}

function udpExchange(server: DnsServer, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(server.address) ? "udp6" : "udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from ${server.address}:${server.port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("error", (e) => {
      clearTimeout(timer);
      socket.close();
      reject(e);
    });
    socket.on("message", (msg) => {
      if (msg.readUInt16BE(0) !== message.readUInt16BE(0)) return;
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.send(message, server.port, server.address);
  });
}

function tcpExchange(server: DnsServer, message: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.address);
    let data = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${server.address}:${server.port} within ${timeoutMs} ms`)));
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

const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];
export const rcodeName = (code: number) => RCODES[code] ?? `RCODE${code}`;

/** A DNS client over UDP (TCP when truncated) built on dns-packet: no cache, so polling sees changes at once. */
export function createDnsClient(timeoutMs = 3000): DnsClient {
  return {
    async query(server, name, type, opts = {}) {
      const message = dnsPacket.encode({
        type: "query",
        id: randomInt(65536),
        flags: opts.recursionDesired === false ? 0 : dnsPacket.RECURSION_DESIRED,
        questions: [{ type, name, class: "IN" }],
      });
      let reply = dnsPacket.decode(await udpExchange(server, message, timeoutMs));
      if (reply.flag_tc) reply = dnsPacket.decode(await tcpExchange(server, message, timeoutMs));
      return {
        rcode: rcodeName((reply.flags ?? 0) & 0xf),
        authoritative: !!reply.flag_aa,
        answers: reply.answers ?? [],
        authorities: reply.authorities ?? [],
      };
    },
    async exchange(server, message) {
      return dnsPacket.decode(await tcpExchange(server, message, timeoutMs));
    },
  };
}
