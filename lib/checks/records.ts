import type { DnsRecord, DnsResponse } from "@/lib/net/dns-client";
import { normalName } from "@/lib/setup/derived";

/** A record's data as one line, as in a zone file. */
export function formatRecord(r: DnsRecord): string {
  const d = r.data;
  switch (r.type) {
    case "MX":
      return `${d.preference} ${d.exchange}.`;
    case "TXT":
      return (Array.isArray(d) ? d : [d]).map((b: Buffer | string) => JSON.stringify(b.toString())).join(" ");
    case "SOA":
      return `${d.mname}. ${d.rname}. ${d.serial}`;
    case "SRV":
      return `${d.priority} ${d.weight} ${d.port} ${d.target || "."}${d.target ? "." : ""}`;
    case "CAA":
      return `${d.flags} ${d.tag} "${d.value}"`;
    case "TLSA":
      return `${d.usage} ${d.selector} ${d.matchingType} ${Buffer.from(d.certificate).toString("hex")}`;
    case "CNAME":
    case "NS":
    case "PTR":
      return `${d}.`;
    default:
      return typeof d === "string" ? d : JSON.stringify(d);
  }
}

/** The TXT records at the question's name, each joined from its strings. */
export function txtStrings(res: DnsResponse): string[] {
  return res.answers
    .filter((r) => r.type === "TXT")
    .map((r) => (Array.isArray(r.data) ? r.data : [r.data]).map((b: Buffer | string) => b.toString()).join(""));
}

export function ofType(res: DnsResponse, type: string): DnsRecord[] {
  return res.answers.filter((r) => r.type === type);
}

export function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

/** Seconds a resolver may keep serving this answer: the answer's TTL, or the negative TTL from the SOA. */
export function ttlLeft(res: DnsResponse): number | undefined {
  if (res.answers.length) return Math.min(...res.answers.map((r) => r.ttl));
  const soa = res.authorities.find((r) => r.type === "SOA");
  return soa ? Math.min(soa.ttl, soa.data.minimum ?? soa.ttl) : undefined;
}

/** Tags of a "k=v; k=v" record (DKIM, DMARC, MTA-STS, TLS-RPT). */
export function parseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) tags.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return tags;
}
