// Which Host headers the wizard answers to (no DNS rebinding), and who the
// client is (the socket's address; X-Forwarded-* only from a trusted proxy).
import os from "node:os";
import ipaddr from "ipaddr.js";

const WILDCARD = new Set(["0.0.0.0", "::", ""]);

/** "a.example:3000" → "a.example", "[::1]:3000" → "::1"; null when it is not a host[:port]. */
export function hostName(header) {
  if (typeof header !== "string" || header.length === 0 || header.length > 255) return null;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s/@\\]+))(?::(\d{1,5}))?$/.exec(header.trim());
  if (!m) return null;
  if (m[1]) return ipaddr.IPv6.isValid(m[1]) ? ipaddr.IPv6.parse(m[1]).toString() : null;
  const name = m[2].toLowerCase().replace(/\.$/, "");
  return name || null;
}

/** The machine's addresses (all interfaces), host name and its .local name. */
function machineNames() {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter(Boolean)
    .map((i) => (i.family === "IPv6" ? ipaddr.IPv6.parse(i.address.replace(/%.*$/, "")).toString() : i.address));
  const host = os.hostname().toLowerCase();
  const names = host ? [host, `${host.split(".")[0]}.local`, host.split(".")[0]] : [];
  return { addresses, names };
}

/**
 * The host names and addresses that may appear in a Host header: the listening
 * address (every interface's when it listens on all), the machine's host names,
 * localhost, and POSTWRIGHT_ALLOWED_HOSTS (comma-separated). Re-read every few
 * seconds, so an address the box gets later (DHCP) is served too.
 */
export function createHostCheck({ listenHost, extra = "" }) {
  const fromEnv = extra
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean)
    .map((h) => hostName(h) ?? h.toLowerCase());
  let cached = null;
  let cachedAt = 0;
  function allowed() {
    if (cached && Date.now() - cachedAt < 5000) return cached;
    const { addresses, names } = machineNames();
    const set = new Set(["localhost", "127.0.0.1", "::1", ...names, ...fromEnv]);
    if (WILDCARD.has(listenHost ?? "")) addresses.forEach((a) => set.add(a));
    else set.add(hostName(listenHost) ?? listenHost);
    cached = set;
    cachedAt = Date.now();
    return set;
  }
  return {
    allowed,
    /** True when the Host header names this box. */
    isAllowed(header) {
      const name = hostName(header);
      if (!name) return false;
      const set = allowed();
      if (set.has(name)) return true;
      // IPv4 written as an IPv4-mapped IPv6 address, e.g. [::ffff:192.168.1.2]
      if (ipaddr.IPv6.isValid(name)) {
        const v6 = ipaddr.IPv6.parse(name);
        if (v6.isIPv4MappedAddress()) return set.has(v6.toIPv4Address().toString());
      }
      return false;
    },
  };
}

/** "10.0.0.1, 192.168.1.0/24, ::1" → a matcher of addresses (empty string: nobody). */
export function parseTrustedProxies(spec = "") {
  const ranges = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      try {
        return s.includes("/") ? ipaddr.parseCIDR(s) : [ipaddr.parse(s), ipaddr.parse(s).kind() === "ipv4" ? 32 : 128];
      } catch {
        throw new Error(`POSTWRIGHT_TRUSTED_PROXIES: "${s}" is not an address or CIDR range`);
      }
    });
  return (address) => {
    const a = normalizeAddress(address);
    if (!a) return false;
    const parsed = ipaddr.parse(a);
    return ranges.some(([net, bits]) => parsed.kind() === net.kind() && parsed.match(net, bits));
  };
}

/** The canonical text of an address (IPv4-mapped IPv6 as IPv4), or null. */
export function normalizeAddress(address) {
  if (typeof address !== "string" || !ipaddr.isValid(address.trim())) return null;
  const a = ipaddr.parse(address.trim());
  if (a.kind() === "ipv6" && a.isIPv4MappedAddress()) return a.toIPv4Address().toString();
  return a.toString();
}

/**
 * The client's address and the scheme it used: the socket's own, unless the
 * socket is a trusted proxy, whose X-Forwarded-For (walked from the right,
 * skipping trusted hops) and X-Forwarded-Proto are then believed.
 */
export function clientOf(req, isTrustedProxy) {
  const socketAddress = normalizeAddress(req.socket.remoteAddress) ?? "unknown";
  const encrypted = !!req.socket.encrypted;
  if (!isTrustedProxy(socketAddress)) return { address: socketAddress, https: encrypted, viaProxy: false };
  const hops = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((h) => normalizeAddress(h))
    .filter(Boolean);
  let address = socketAddress;
  while (hops.length) {
    address = hops.pop();
    if (!isTrustedProxy(address)) break;
  }
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    .trim()
    .toLowerCase();
  return { address, https: proto ? proto === "https" : encrypted, viaProxy: true };
}
