import ipaddr from "ipaddr.js";

/** The PTR owner name of an address: d.c.b.a.in-addr.arpa, or the 32 nibbles under ip6.arpa. */
export function reverseName(ip: string): string {
  const addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv4") return `${addr.toByteArray().reverse().join(".")}.in-addr.arpa`;
  const nibbles = addr
    .toByteArray()
    .flatMap((b) => [b >> 4, b & 15])
    .map((n) => n.toString(16));
  return `${nibbles.reverse().join(".")}.ip6.arpa`;
}
