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

/** The canonical (compressed, lower-case) form of a public IPv6 address, or the reason it is refused. */
export function parsePublicIPv6(
  input: string,
): { ok: true; value: string; range: string } | { ok: false; problem: AddressProblem; range?: string } {
  const raw = input.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.IPv6.isValid(raw) || raw.includes("%")) return { ok: false, problem: "invalid" };
  const ip = ipaddr.IPv6.parse(raw);
  if (ip.match(DOC_V6)) return { ok: true, value: ip.toString(), range: "documentation" };
  const range = ip.range();
  if (range !== "unicast") return { ok: false, problem: "not-public", range };
  return { ok: true, value: ip.toString(), range };
}
