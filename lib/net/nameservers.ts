import type { DnsResponse, Lookup } from "./dns-client";
import type { HostPort } from "./host-port";

export interface Nameserver {
  /** The nameserver's host name, lower case, no trailing dot. */
  name: string;
  server: HostPort;
}

const trim = (n: string) => n.replace(/\.$/, "").toLowerCase();

/** The zone that holds `name`: the owner of the SOA in the answer, or in the authority section of a negative answer. */
export async function findZone(lookup: Lookup, name: string): Promise<string> {
  let candidate = trim(name);
  while (candidate.includes(".")) {
    const reply = await lookup(candidate, "SOA");
    const soa = [...reply.answers, ...reply.authorities].find((a) => a.type === "SOA");
    if (soa) return trim(soa.name);
    candidate = candidate.slice(candidate.indexOf(".") + 1);
  }
  throw Object.assign(new Error(`no DNS zone found above ${name}: is the domain registered and delegated?`), {
    ref: { key: "errors.noZone", params: { name } },
  });
}

const addresses = (res: DnsResponse | null, type: "A" | "AAAA") =>
  res?.answers.filter((r) => r.type === type).map((r) => String(r.data)) ?? [];

/**
 * The zone's authoritative nameservers (its NS records, through `lookup`),
 * each address a server to ask on `port`. By default a nameserver's IPv4
 * addresses, or its IPv6 ones when it has none, and a name whose addresses
 * cannot be looked up is left out; with `everyAddress` every IPv4 and IPv6
 * address counts and a failed look-up fails the whole (a CA may ask any of them).
 */
export async function findNameservers(
  lookup: Lookup,
  zone: string,
  opts: { port: number; everyAddress?: boolean },
): Promise<Nameserver[]> {
  const res = await lookup(zone, "NS");
  const names = [...new Set(res.answers.filter((r) => r.type === "NS").map((r) => trim(String(r.data))))].sort();
  if (!names.length)
    throw Object.assign(new Error(`no NS records for ${zone} (${res.rcode})`), {
      ref: { key: "errors.noNs", params: { zone, rcode: res.rcode } },
    });
  const found = await Promise.all(
    names.map(async (name) => {
      let hosts: string[];
      if (opts.everyAddress) {
        hosts = [...addresses(await lookup(name, "A"), "A"), ...addresses(await lookup(name, "AAAA"), "AAAA")];
      } else {
        hosts = addresses(await lookup(name, "A").catch(() => null), "A");
        if (!hosts.length) hosts = addresses(await lookup(name, "AAAA").catch(() => null), "AAAA");
      }
      return hosts.map((host) => ({ name, server: { host, port: opts.port } }));
    }),
  );
  const list = found.flat();
  if (!list.length)
    throw Object.assign(new Error(`the nameservers of ${zone} (${names.join(", ")}) have no address`), {
      ref: { key: "errors.nsNoAddress", params: { zone, names: names.join(", ") } },
    });
  return list;
}
