import ipaddr from "ipaddr.js";

// Documentation ranges (RFC 5737, RFC 3849) are accepted: examples and tests use them.
const DOC_V4 = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((c) => ipaddr.IPv4.parseCIDR(c));
const DOC_V6 = ipaddr.IPv6.parseCIDR("2001:db8::/32");

export type AddressProblem = "invalid" | "not-public";

/** The canonical form of a public IPv4 address, or the reason it is refused. */
export function parsePublicIPv4(
  input: string,
): { ok: true; value: string; range: string } | { ok: false; problem: AddressProblem; range?: string } {
  const raw = input.trim();
  if (!ipaddr.IPv4.isValidFourPartDecimal(raw)) return { ok: false, problem: "invalid" };
  const ip = ipaddr.IPv4.parse(raw);
  if (DOC_V4.some((c) => ip.match(c))) return { ok: true, value: ip.toString(), range: "documentation" };
  const range = ip.range();
  if (range !== "unicast") return { ok: false, problem: "not-public", range };
  return { ok: true, value: ip.toString(), range };
}

const EMBEDDING_V6 = (
  [
    ["::", 96, "ipv4Compatible"],
    ["::ffff:0:0", 96, "ipv4Mapped"],
    ["::ffff:0:0:0", 96, "ipv4Translated"],
    ["64:ff9b::", 96, "nat64"],
    ["64:ff9b:1::", 48, "nat64Local"],
  ] as const
).map(([net, bits, name]) => ({ net: ipaddr.IPv6.parse(net), bits, name }));

/**
 * The IPv4 address an IPv6 address carries (IPv4-compatible ::a.b.c.d,
 * IPv4-mapped, SIIT-translated, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo),
 * or null: such an address is what the IPv4 inside it is.
 */
export function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const b = ip.toByteArray();
  const tail = (from: number) => new ipaddr.IPv4(b.slice(from, from + 4));
  if (EMBEDDING_V6.some((e) => ip.match(e.net, e.bits)))
    return b.slice(0, 12).every((x) => x === 0) && b.slice(12).every((x) => x === 0) ? null : tail(12);
  if (ip.match(ipaddr.IPv6.parse("2002::"), 16)) return tail(2);
  if (ip.match(ipaddr.IPv6.parse("2001::"), 32)) return new ipaddr.IPv4(b.slice(12, 16).map((x) => x ^ 0xff));
  return null;
}

/**
 * Whether a connection to this address leaves the home network for the
 * Internet: false for loopback, private, link-local, CGNAT, multicast,
 * reserved ranges, and IPv6 forms that embed such an IPv4 address.
 */
export function isPublicAddress(input: string): boolean {
  const raw = input.trim().replace(/^\[|\]$/g, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(raw)) return ipaddr.IPv4.parse(raw).range() === "unicast";
  if (!ipaddr.IPv6.isValid(raw) || raw.includes("%")) return false;
  const ip = ipaddr.IPv6.parse(raw);
  const v4 = embeddedIPv4(ip);
  if (v4) return v4.range() === "unicast";
  return ip.range() === "unicast";
}

/** The canonical (compressed, lower-case) form of a public IPv6 address, or the reason it is refused. */
export function parsePublicIPv6(
  input: string,
): { ok: true; value: string; range: string } | { ok: false; problem: AddressProblem; range?: string } {
  const raw = input.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.IPv6.isValid(raw) || raw.includes("%")) return { ok: false, problem: "invalid" };
  const ip = ipaddr.IPv6.parse(raw);
  if (ip.match(DOC_V6)) return { ok: true, value: ip.toString(), range: "documentation" };
  // ::7f00:1, ::ffff:10.0.0.1, 64:ff9b::a9fe:a9fe…: what the IPv4 inside is (a documentation IPv4 included).
  const v4 = embeddedIPv4(ip);
  if (v4) {
    const inner = parsePublicIPv4(v4.toString());
    return inner.ok
      ? { ok: true, value: ip.toString(), range: inner.range }
      : { ok: false, problem: "not-public", range: inner.range };
  }
  const range = ip.range();
  if (range !== "unicast") return { ok: false, problem: "not-public", range };
  return { ok: true, value: ip.toString(), range };
}
