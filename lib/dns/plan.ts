import type { SetupDocument } from "@/lib/setup/schema";
import { findRelayPreset } from "@/lib/relay/presets";
import { dkimTxtValue } from "./dkim-txt";
import { caaIssuer, ownAddresses } from "@/lib/setup/derived";
import { caaIssueValue } from "./caa-issue-value";
import { renderMtaStsPolicy, type MtaStsPolicy } from "./mta-sts-policy";
import { absolute, inZone, type DnsRecord, type PlanDkimKey } from "./record";
import { reverseName } from "./reverse-name";
import { SPF_HELO, spfRecord } from "./spf-record";

export interface DnsPlanInput {
  /** Keys from lib/dkim (listDkimKeys); "retired" ones are left out. */
  dkimKeys: PlanDkimKey[];
  /** Overrides the id derived from the policy text (e.g. to keep a published one). */
  mtaStsPolicyId?: string;
  /** The CA allowed to issue; default from acme.directory. null: no CAA record. */
  caa?: { issuer: string; accountUri?: string } | null;
  /** Whether the zone is DNSSEC-signed: TLSA is offered only then (RFC 7672). */
  dnssec?: boolean;
  /** SHA-256 (hex) of the mail certificate's SubjectPublicKeyInfo, current key first. */
  tlsa?: { spkiSha256: string[] };
  /** The relay provider's SPF include domain; overrides the document's delivery.spfInclude. */
  relayInclude?: string;
  ttl?: number;
}

/** Things the page should tell the user about the plan (i18n keys under dns.notices). */
export type PlanNotice =
  | "relay-include-unknown"
  | "relay-spf-provider-domain"
  | "relay-dkim-not-given"
  | "no-caa-issuer"
  | "tlsa-needs-dnssec"
  | "hostname-outside-domain"
  | "report-address-outside-domain"
  | "no-dkim-keys";

export interface DnsPlan {
  /** The zone the records are for (the Setup domain, ASCII). */
  origin: string;
  hostname: string;
  records: DnsRecord[];
  /** The MTA-STS policy file to serve, or null when MTA-STS is off. */
  mtaSts: MtaStsPolicy | null;
  notices: PlanNotice[];
}

const DEFAULT_TTL = 3600;

/** Every record a home mail server needs, from the Setup document and the public keys. Pure. */
export function buildDnsPlan(doc: SetupDocument, input: DnsPlanInput): DnsPlan {
  const ttl = input.ttl ?? DEFAULT_TTL;
  const domain = doc.domain;
  const host = doc.hostname;
  const records: DnsRecord[] = [];
  const notices: PlanNotice[] = [];
  const add = (r: Omit<DnsRecord, "ttl" | "where"> & { where?: DnsRecord["where"] }) =>
    records.push({ ttl, where: "registrar", ...r });

  if (!inZone(host, domain)) notices.push("hostname-outside-domain");
  if (doc.ipv4) add({ name: host, type: "A", value: doc.ipv4, purpose: "mail-host", level: "required" });
  if (doc.ipv6) add({ name: host, type: "AAAA", value: doc.ipv6, purpose: "mail-host", level: "required" });
  add({ name: domain, type: "MX", value: `10 ${absolute(host)}`, purpose: "mx", level: "required" });

  const relay = doc.delivery.mode === "relay" ? doc.delivery : null;
  const relayInclude = relay ? (input.relayInclude ?? relay.spfInclude) : undefined;
  const preset = relay?.preset ? findRelayPreset(relay.preset) : undefined;
  // A provider that bounces to its own domain is checked against its own SPF: naming its
  // submission host in ours (a:) would cover nothing it sends from.
  const providerEnvelope = preset?.envelope === "provider" && !relayInclude;
  if (providerEnvelope) notices.push("relay-spf-provider-domain");
  else if (relay && !relayInclude && !/^\d+\.\d+\.\d+\.\d+$/.test(relay.host)) notices.push("relay-include-unknown");
  if (preset?.dkim?.length && !relay?.providerDkim?.length) notices.push("relay-dkim-not-given");
  add({
    name: domain,
    type: "TXT",
    value: spfRecord({
      ipv4: doc.ipv4,
      ipv6: doc.ipv6,
      relayHost: providerEnvelope ? undefined : relay?.host,
      relayInclude,
    }),
    purpose: "spf",
    level: "required",
  });
  // The apex already has the domain's SPF record; a second one would make both invalid.
  if (host !== domain) add({ name: host, type: "TXT", value: SPF_HELO, purpose: "spf-helo", level: "recommended" });

  const keys = input.dkimKeys.filter((k) => k.status !== "retired");
  if (!keys.some((k) => k.status === "active")) notices.push("no-dkim-keys");
  for (const k of keys) {
    add({
      name: `${k.selector}._domainkey.${domain}`,
      type: "TXT",
      value: dkimTxtValue(k.algorithm, k.publicKey),
      purpose: k.status === "retiring" ? "dkim-retiring" : "dkim",
      level: k.status === "retiring" || k.algorithm === "rsa-2048" ? "required" : "recommended",
    });
  }

  // The relay provider's own DKIM records (CNAMEs to its keys, or its TXT key), so it can sign as the domain.
  for (const r of relay?.providerDkim ?? [])
    add({
      name: `${r.name}.${domain}`,
      type: r.type,
      value: r.type === "CNAME" ? absolute(r.value) : r.value,
      purpose: "relay-dkim",
      level: "required",
    });

  const report = doc.dmarc.reportEmail;
  add({
    name: `_dmarc.${domain}`,
    type: "TXT",
    value: `v=DMARC1; p=${doc.dmarc.policy}; rua=mailto:${report}`,
    purpose: "dmarc",
    level: "required",
  });
  const reportDomain = report.slice(report.lastIndexOf("@") + 1);
  if (!inZone(reportDomain, domain)) {
    // RFC 7489 §7.1: the report domain must agree to receive reports about this one.
    notices.push("report-address-outside-domain");
    add({
      name: `${domain}._report._dmarc.${reportDomain}`,
      type: "TXT",
      value: "v=DMARC1",
      purpose: "dmarc-report-authorization",
      level: "recommended",
    });
  }

  let mtaSts: MtaStsPolicy | null = null;
  if (doc.mtaSts.mode !== "none") {
    mtaSts = renderMtaStsPolicy({ mode: doc.mtaSts.mode, mx: [host] });
    if (input.mtaStsPolicyId) mtaSts = { ...mtaSts, id: input.mtaStsPolicyId };
    add({
      name: `_mta-sts.${domain}`,
      type: "TXT",
      value: `v=STSv1; id=${mtaSts.id}`,
      purpose: "mta-sts",
      level: "recommended",
    });
    add({
      name: `mta-sts.${domain}`,
      type: "CNAME",
      value: absolute(host),
      purpose: "mta-sts-host",
      level: "recommended",
    });
  }
  add({
    name: `_smtp._tls.${domain}`,
    type: "TXT",
    value: `v=TLSRPTv1; rua=mailto:${report}`,
    purpose: "tls-rpt",
    level: "recommended",
  });

  // RFC 6186 / RFC 8314: what mail clients should use, and "0 0 0 ." for what is not offered.
  add({
    name: `_submissions._tcp.${domain}`,
    type: "SRV",
    value: `0 1 465 ${absolute(host)}`,
    purpose: "srv-submissions",
    level: "optional",
  });
  add({
    name: `_submission._tcp.${domain}`,
    type: "SRV",
    value: `0 1 587 ${absolute(host)}`,
    purpose: "srv-submission",
    level: "optional",
  });
  add({
    name: `_imaps._tcp.${domain}`,
    type: "SRV",
    value: `0 1 993 ${absolute(host)}`,
    purpose: "srv-imaps",
    level: "optional",
  });
  for (const service of ["_imap", "_pop3", "_pop3s"]) {
    add({
      name: `${service}._tcp.${domain}`,
      type: "SRV",
      value: "0 0 0 .",
      purpose: "srv-not-offered",
      level: "optional",
    });
  }
  add({ name: `autoconfig.${domain}`, type: "CNAME", value: absolute(host), purpose: "autoconfig", level: "optional" });
  add({
    name: `autodiscover.${domain}`,
    type: "CNAME",
    value: absolute(host),
    purpose: "autodiscover",
    level: "optional",
  });

  const caa = input.caa === undefined ? defaultCaa(doc) : input.caa;
  if (caa)
    add({
      name: domain,
      type: "CAA",
      value: caaIssueValue(caa.issuer, caa.accountUri),
      purpose: "caa",
      level: "recommended",
    });
  else if (input.caa === undefined) notices.push("no-caa-issuer");

  const tlsaHashes = (input.tlsa?.spkiSha256 ?? []).filter((h) => /^[0-9a-f]{64}$/i.test(h));
  if (tlsaHashes.length) {
    if (input.dnssec) {
      for (const hash of tlsaHashes) {
        add({
          name: `_25._tcp.${host}`,
          type: "TLSA",
          value: `3 1 1 ${hash.toLowerCase()}`,
          purpose: "tlsa",
          level: "optional",
        });
      }
    } else notices.push("tlsa-needs-dnssec");
  }

  for (const ip of ownAddresses(doc))
    add({ name: reverseName(ip), type: "PTR", value: absolute(host), purpose: "ptr", level: "required", where: "isp" });
  return { origin: domain, hostname: host, records: withoutCnameClashes(records), mtaSts, notices };
}

function defaultCaa(doc: SetupDocument): { issuer: string; accountUri?: string } | null {
  const issuer = caaIssuer(doc);
  return issuer ? { issuer } : null;
}

/** A CNAME may not share its name with other data: when the mail host itself is e.g. autoconfig.DOMAIN, its own records win. */
function withoutCnameClashes(records: DnsRecord[]): DnsRecord[] {
  return records.filter(
    (r) => r.type !== "CNAME" || !records.some((o) => o !== r && o.name === r.name && o.where === "registrar"),
  );
}
