import ipaddr from "ipaddr.js";

/** The address's labels reversed, as in-addr.arpa / ip6.arpa and DNSBLs want them (without a suffix). */
export function reversedLabels(ip: string): string {
  const a = ipaddr.parse(ip);
  if (a.kind() === "ipv4") return [...a.toByteArray()].reverse().join(".");
  return a
    .toByteArray()
    .flatMap((b) => [b >> 4, b & 15])
    .reverse()
    .map((n) => n.toString(16))
    .join(".");
}

export function reverseName(ip: string): string {
  return `${reversedLabels(ip)}.${ipaddr.parse(ip).kind() === "ipv4" ? "in-addr.arpa" : "ip6.arpa"}`;
}
