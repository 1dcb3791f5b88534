import net from "node:net";

/** Where to connect or send a question: a host name or IP address, and a port. Every server in lib/net is one. */
export interface HostPort {
  host: string;
  port: number;
}

export function formatHostPort(s: HostPort): string {
  return s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

/** "host", "host:port", "[v6]:port" or a bare IPv6 address → HostPort, or null when it is none of those. */
export function parseHostPort(value: string, defaultPort = 53): HostPort | null {
  const v = value.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracket) return net.isIPv6(bracket[1]) ? withPort(bracket[1], bracket[2], defaultPort) : null;
  if (net.isIPv6(v)) return { host: v, port: defaultPort };
  const m = /^([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(v);
  return m ? withPort(m[1], m[2], defaultPort) : null;
}

function withPort(host: string, port: string | undefined, defaultPort: number): HostPort | null {
  if (port === undefined) return { host, port: defaultPort };
  const p = Number(port);
  return Number.isInteger(p) && p > 0 && p < 65536 ? { host, port: p } : null;
}

/** 4 or 6 when `value` is an IP address of that family, 0 when it is not one (a host name). */
export function ipVersion(value: string): 0 | 4 | 6 {
  return net.isIP(value) as 0 | 4 | 6;
}
