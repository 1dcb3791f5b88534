/**
 * One DNS record of the plan, in the form every renderer (table, zone file,
 * JSON, checks) reads. Names are ASCII (punycode), lower case, without the
 * trailing dot; values are in zone-file presentation form, except TXT, which
 * holds the whole unquoted string (renderers split it into ≤255-byte chunks).
 * Names inside values (MX, CNAME, SRV, PTR targets) are absolute, with the
 * trailing dot, as a zone file needs them.
 */
export interface DnsRecord {
  name: string;
  type: DnsRecordType;
  ttl: number;
  value: string;
  /** What the record is for; also the i18n key of its one-line explanation (messages dns.purposes.*). */
  purpose: RecordPurpose;
  level: RecordLevel;
  /** Who publishes it: the DNS host of the domain ("registrar") or the owner of the IP address ("isp", PTR). */
  where: "registrar" | "isp";
}

const dnsRecordTypes = ["A", "AAAA", "MX", "TXT", "CNAME", "SRV", "CAA", "TLSA", "PTR"] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

export type RecordLevel = "required" | "recommended" | "optional";

const recordPurposes = [
  "mail-host",
  "mx",
  "spf",
  "spf-helo",
  "dkim",
  "dkim-retiring",
  "relay-dkim",
  "dmarc",
  "dmarc-report-authorization",
  "mta-sts",
  "mta-sts-host",
  "tls-rpt",
  "srv-submissions",
  "srv-submission",
  "srv-imaps",
  "srv-not-offered",
  "autoconfig",
  "autodiscover",
  "caa",
  "ptr",
  "tlsa",
] as const;
export type RecordPurpose = (typeof recordPurposes)[number];

/** A DKIM key as the plan needs it (what lib/dkim's listDkimKeys returns, among other fields). */
export interface PlanDkimKey {
  selector: string;
  algorithm: "rsa-2048" | "ed25519";
  /** The p= value: base64 SPKI DER (RSA) or the raw 32-byte key (Ed25519). */
  publicKey: string;
  status: "active" | "retiring" | "retired";
}

/** True when `name` is `zone` itself or lies below it. */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** An absolute name as values need it: with the trailing dot. */
export function absolute(name: string): string {
  return name === "" || name === "." ? "." : `${name.replace(/\.$/, "")}.`;
}
