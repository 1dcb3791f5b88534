import ipaddr from "ipaddr.js";
import { normalName } from "@/lib/setup/derived";

/** A record as found in DNS (or typed at a registrar): TXT values joined, names without the trailing dot. */
export interface PublishedRecord {
  name: string;
  type: string;
  value: string;
}

export type TrapId = "doubled-suffix" | "doubled-suffix-target" | "quoted-txt" | "second-spf" | "cdn-proxy";

export interface Trap {
  id: TrapId;
  /** The record's name where the trap was found. */
  name: string;
  /** What was found, verbatim. */
  found: string;
}

// Cloudflare's published ranges (cloudflare.com/ips): a mail host proxied there cannot receive SMTP.
const CDN_RANGES = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
].map((c) => ipaddr.parseCIDR(c));

/** True when an address lies in a CDN's proxy ranges. */
export function isCdnAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const addr = ipaddr.process(ip);
  return CDN_RANGES.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
}

/** True for `x.example.com.example.com`: a full name typed where the registrar wanted a relative one. */
export function hasDoubledSuffix(name: string, origin: string): boolean {
  const n = normalName(name);
  const o = normalName(origin);
  return n === `${o}.${o}` || n.endsWith(`.${o}.${o}`);
}

const TARGET_TYPES = new Set(["MX", "CNAME", "SRV", "NS", "PTR"]);

/**
 * The classic mistakes, found in what is published: a doubled zone suffix on a
 * name or on a target (a value typed without its trailing dot), a TXT value
 * pasted with its quotes, two SPF records on one name (both become invalid,
 * RFC 7208 §3.2), and the mail host proxied through a CDN.
 */
export function findTraps(published: PublishedRecord[], opts: { origin: string; mailHost: string }): Trap[] {
  const traps: Trap[] = [];
  const spfByName = new Map<string, number>();
  for (const r of published) {
    const type = r.type.toUpperCase();
    const name = normalName(r.name);
    if (hasDoubledSuffix(name, opts.origin)) traps.push({ id: "doubled-suffix", name, found: name });
    if (TARGET_TYPES.has(type)) {
      const target = r.value.trim().split(/\s+/).pop() ?? "";
      if (hasDoubledSuffix(target, opts.origin)) traps.push({ id: "doubled-suffix-target", name, found: r.value });
    }
    if (type === "TXT") {
      const v = r.value.trim();
      if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) traps.push({ id: "quoted-txt", name, found: r.value });
      if (/^"?v=spf1(\s|"?$)/i.test(v)) {
        const n = (spfByName.get(name) ?? 0) + 1;
        spfByName.set(name, n);
        if (n === 2) traps.push({ id: "second-spf", name, found: r.value });
      }
    }
    if ((type === "A" || type === "AAAA") && name === opts.mailHost.toLowerCase() && isCdnAddress(r.value.trim())) {
      traps.push({ id: "cdn-proxy", name, found: r.value });
    }
  }
  return traps;
}
