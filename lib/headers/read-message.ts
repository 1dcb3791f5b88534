import net from "node:net";
import ipaddr from "ipaddr.js";
import { arc } from "mailauth/lib/arc/index.js";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import { dmarc } from "mailauth/lib/dmarc/index.js";
import { parseReceived } from "mailauth/lib/parse-received.js";
import { spf } from "mailauth/lib/spf/index.js";
import { parseAuthResults, parseReceivedSpf, type AuthResult, type AuthResultsField } from "./authentication-results";
import type { MailauthResolver } from "./mailauth-resolver";
import {
  addressIn,
  domainOf,
  fieldValues,
  readHeaderFields,
  UnreadableMessage,
  type HeaderField,
} from "./message-headers";
import { receiverName, spamVerdict } from "./spam-verdict";
import { ref, type AuthStatus, type FixStep, type HeaderReport, type HeaderVerdict, type Mechanism } from "./verdict";

const STATUSES: AuthStatus[] = ["pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"];

/** Receivers' results, in the seven words the report uses (Yahoo's "perm_fail", mailauth's "policy", …). */
export function normalizeStatus(result: string): AuthStatus {
  const r = result.toLowerCase();
  if ((STATUSES as string[]).includes(r)) return r as AuthStatus;
  if (["perm_fail", "hardfail", "policy", "bad"].includes(r)) return "fail";
  if (["temp_fail", "tempfail"].includes(r)) return "temperror";
  if (r === "perm_error") return "permerror";
  return "neutral";
}

const isPublicIp = (ip: string) => {
  try {
    const range = ipaddr.process(ip).range();
    return !["private", "loopback", "linkLocal", "uniqueLocal", "unspecified", "carrierGradeNat"].includes(range);
  } catch {
    return false;
  }
};

const ipIn = (text: string | undefined): string | undefined => {
  if (!text) return undefined;
  for (const m of text.matchAll(/\[?(?:IPv6:)?([0-9a-f:.]{3,})\]?/gi)) {
    const candidate = m[1].replace(/\.$/, "");
    if (net.isIP(candidate)) return candidate;
  }
  return undefined;
};

interface Hop {
  from?: string;
  fromIp?: string;
  by?: string;
}

function hopsOf(fields: HeaderField[]): Hop[] {
  return fieldValues(fields, "received").map((v) => {
    const parsed = parseReceived(`Received: ${v}`) || {};
    return {
      from: parsed.from?.value,
      fromIp: ipIn(parsed.from?.comment) ?? (net.isIP(parsed.from?.value ?? "") ? parsed.from!.value : undefined),
      by: parsed.by?.value?.toLowerCase(),
    };
  });
}

/** The address that handed the message to the receiver, from what the receiver itself wrote. */
function sendingIpOf(
  top: AuthResultsField | undefined,
  receivedSpf: ReturnType<typeof parseReceivedSpf>,
  fields: HeaderField[],
  hops: Hop[],
) {
  const fromSpf = receivedSpf?.props["client-ip"];
  if (fromSpf && net.isIP(fromSpf)) return fromSpf;
  const spfResult = top?.results.find((r) => r.method === "spf");
  const fromComment = spfResult?.comment?.match(
    /sender IP is ([0-9a-f:.]+)|designates ([0-9a-f:.]+) as|([0-9a-f:.]+) is neither/i,
  );
  const c = fromComment?.slice(1).find((x) => x && net.isIP(x));
  if (c) return c;
  const iprevResult = top?.results.find((r) => r.method === "iprev");
  const iprev = iprevResult?.props["policy.iprev"] ?? iprevResult?.props["smtp.remote-ip"];
  if (iprev && net.isIP(iprev)) return iprev;
  const cip = /(?:^|;)\s*CIP:([0-9a-f:.]+)/i.exec(fieldValues(fields, "x-forefront-antispam-report")[0] ?? "")?.[1];
  if (cip && net.isIP(cip)) return cip;
  return hops.find((h) => h.fromIp && isPublicIp(h.fromIp))?.fromIp;
}

export interface ReadOptions {
  resolver: MailauthResolver;
  /** For DKIM signature expiry; tests pin it. */
  now?: Date;
}

/** Reads a received message's source: what the receiver decided, and what Postwright finds itself. */
export async function readReceivedMessage(source: Buffer | string, opts: ReadOptions): Promise<HeaderReport> {
  const fields = readHeaderFields(source);
  const message = typeof source === "string" ? Buffer.from(source, "utf8") : source;
  const fromValues = fieldValues(fields, "from");
  const from = addressIn(fromValues[0]) ?? "";
  if (!from.includes("@")) throw new UnreadableMessage("noFrom");
  const fromDomain = domainOf(from);

  const arHeaders = fieldValues(fields, "authentication-results").map((v) => parseAuthResults(v));
  const arcHeaders = fieldValues(fields, "arc-authentication-results")
    .map((v) => parseAuthResults(v, true))
    .sort((a, b) => (b.instance ?? 0) - (a.instance ?? 0));
  // The topmost Authentication-Results is the receiver's own (anything below it came with the message).
  const top: AuthResultsField | undefined = arHeaders[0] ?? arcHeaders[0];
  const receivedSpf = fieldValues(fields, "received-spf").map(parseReceivedSpf)[0] ?? null;
  const hops = hopsOf(fields);
  const receiver = receiverName(top?.authservId ?? hops[0]?.by);
  const spfAr = top?.results.find((r) => r.method === "spf");
  const returnPath = fieldValues(fields, "return-path").map(addressIn)[0];
  const envelopeFrom =
    (returnPath || undefined) ??
    normalizeMailFrom(spfAr?.props["smtp.mailfrom"]) ??
    normalizeMailFrom(receivedSpf?.props["envelope-from"]);
  const helo = spfAr?.props["smtp.helo"] ?? receivedSpf?.props["helo"] ?? hops[0]?.from;
  const sendingIp = sendingIpOf(top, receivedSpf, fields, hops);

  const verdicts: HeaderVerdict[] = [];
  const push = (v: HeaderVerdict) => verdicts.push(v);

  // Receiver's side.
  const receiverResult = (method: Mechanism): AuthResult[] => top?.results.filter((r) => r.method === method) ?? [];
  const rSpf = receiverResult("spf")[0];
  if (rSpf || receivedSpf) {
    const result = rSpf?.result ?? receivedSpf!.result;
    push({
      mechanism: "spf",
      source: "receiver",
      status: normalizeStatus(result),
      reason: ref("spf.receiver", {
        receiver,
        result,
        domain: rSpf?.props["smtp.mailfrom"] ?? envelopeFrom ?? "?",
        comment: rSpf?.comment ?? receivedSpf?.comment ?? "",
      }),
    });
  }
  const rDkim = receiverResult("dkim");
  if (rDkim.length) {
    const best =
      rDkim.find((r) => r.result === "pass" && dkimDomainOf(r) === fromDomain) ??
      rDkim.find((r) => r.result === "pass") ??
      rDkim[0];
    push({
      mechanism: "dkim",
      source: "receiver",
      status: normalizeStatus(best.result),
      reason: ref("dkim.receiver", {
        receiver,
        result: best.result,
        domain: dkimDomainOf(best) ?? "?",
        comment: best.comment ?? "",
      }),
    });
  }
  const rDmarc = receiverResult("dmarc")[0];
  const rArc = receiverResult("arc")[0];
  if (rDmarc) {
    const policy =
      /\bp=(\w+)/i.exec(rDmarc.comment ?? "")?.[1]?.toLowerCase() ?? rDmarc.props["policy.published-domain-policy"];
    const params = { receiver, result: rDmarc.result, domain: rDmarc.props["header.from"] ?? fromDomain };
    push({
      mechanism: "dmarc",
      source: "receiver",
      status: normalizeStatus(rDmarc.result),
      reason: policy ? ref("dmarc.receiver", { ...params, policy }) : ref("dmarc.receiverNoPolicy", params),
    });
  }
  // Gmail seals everything it receives: its own ARC set alone says nothing about the way here.
  const foreignArc = arcHeaders.filter((a) => a.authservId && a.authservId !== top?.authservId);
  if (rArc || foreignArc.length) {
    push({
      mechanism: "arc",
      source: "receiver",
      status: rArc ? normalizeStatus(rArc.result) : "none",
      reason: rArc
        ? ref("arc.receiver", { receiver, result: rArc.result, comment: rArc.comment ?? "" })
        : ref("arc.receiverSealsOnly", { receiver, count: foreignArc.length }),
    });
  }
  push(spamVerdict(fields, receiver));

  // Postwright's own verification, against live DNS.
  const dkim = await dkimVerify(message, { resolver: opts.resolver, curTime: opts.now, minBitLength: 1024 });
  const signatures: (Signature & { row: DkimRow })[] = (dkim.results ?? []).map((r: DkimRow) => ({
    domain: String(r.signingDomain ?? "").toLowerCase(),
    selector: String(r.selector ?? ""),
    result: normalizeStatus(String(r.status?.result ?? "neutral")),
    comment: r.status?.comment ? String(r.status.comment) : "",
    aligned: Boolean(r.status?.aligned),
    row: r,
  }));
  push(dkimVerdict(signatures, fromDomain));

  let spfResult: { result: AuthStatus; domain?: string } = { result: "none" };
  const envelopeDomain = envelopeFrom ? domainOf(envelopeFrom) : undefined;
  if (!envelopeFrom && envelopeFrom !== "") {
    push({ mechanism: "spf", source: "postwright", status: "none", reason: ref("spf.noEnvelope") });
  } else if (!sendingIp) {
    push({ mechanism: "spf", source: "postwright", status: "none", reason: ref("spf.noIp") });
  } else {
    const sender = envelopeFrom || `postmaster@${helo ?? fromDomain}`;
    const r = await spf({ sender, ip: sendingIp, helo: helo ?? sendingIp, mta: "postwright", resolver: opts.resolver });
    const result = normalizeStatus(String(r.status?.result ?? "neutral"));
    const domain = domainOf(sender);
    spfResult = { result, domain };
    const aligned = sameOrg(domain, fromDomain);
    if (result === "pass")
      push({
        mechanism: "spf",
        source: "postwright",
        status: "pass",
        reason: ref(aligned ? "spf.pass" : "spf.passUnaligned", { domain, ip: sendingIp, fromDomain }),
        ...(aligned ? {} : { fix: ref("spf.unalignedFix", { fromDomain }, "network") }),
      });
    else if (result === "temperror" || result === "permerror")
      push({
        mechanism: "spf",
        source: "postwright",
        status: result,
        reason: ref("spf.error", { domain, ip: sendingIp, error: String(r.status?.comment ?? result) }),
        fix: ref("spf.errorFix", { domain }, "checks"),
      });
    else
      push({
        mechanism: "spf",
        source: "postwright",
        status: result,
        reason: ref("spf.notCovered", { domain, ip: sendingIp, result }),
        fix: ref(
          aligned ? "spf.notCoveredFix" : "spf.notCoveredRelayFix",
          { domain, ip: sendingIp },
          aligned ? "network" : "dns",
        ),
      });
  }

  const arcResult = dkim.arc ? await arc(dkim.arc, { resolver: opts.resolver }) : { status: { result: "none" } };
  const chain = arcChain(dkim);
  push(
    arcVerdict(
      arcResult,
      chain,
      arcHeaders.find((a) => a.instance === 1),
    ),
  );

  const passingDkim = signatures.filter((s) => s.result === "pass");
  const dm = await dmarc({
    headerFrom: from,
    spfDomains: spfResult.result === "pass" && spfResult.domain ? [spfResult.domain] : [],
    dkimDomains: passingDkim.map((s) => ({
      id: s.row.id,
      domain: s.domain,
      aligned: s.row.status?.aligned,
      underSized: s.row.status?.underSized,
    })),
    arcResult,
    resolver: opts.resolver,
  });
  const dmarcVerdict = dmarcOwnVerdict(dm, {
    fromDomain,
    spf: `${spfResult.result} (${spfResult.domain ?? "-"})`,
    dkim: signatures.length ? signatures.map((s) => `${s.result} (${s.domain})`).join(", ") : "none",
    arcPassed: normalizeStatus(String(arcResult?.status?.result ?? "none")) === "pass",
    forwarder: forwarderOf(chain, top?.authservId),
  });
  push(dmarcVerdict);

  const receiverDmarc = verdicts.find((v) => v.mechanism === "dmarc" && v.source === "receiver");
  return {
    receiver,
    from,
    fromDomain,
    envelopeFrom: envelopeFrom ?? undefined,
    sendingIp,
    helo,
    signatures: signatures.map(({ row: _row, ...s }) => s),
    verdicts,
    dmarcPassed: (receiverDmarc ?? dmarcVerdict).status === "pass",
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DkimRow = any;

function normalizeMailFrom(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const a = v.replace(/[<>]/g, "").trim().toLowerCase();
  return a.includes("@") ? a : a ? `postmaster@${a}` : undefined;
}

function dkimDomainOf(r: AuthResult): string | undefined {
  return (r.props["header.d"] ?? r.props["header.i"]?.replace(/^.*@/, ""))?.toLowerCase();
}

/** Relaxed alignment (RFC 7489 §3.1): same organizational domain, approximated by one being a suffix of the other. */
function sameOrg(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

interface Signature {
  domain: string;
  selector: string;
  result: AuthStatus;
  comment: string;
  aligned: boolean;
}

function dkimVerdict(signatures: Signature[], fromDomain: string): HeaderVerdict {
  const v = (
    status: AuthStatus,
    key: string,
    params: Record<string, string | number>,
    fix?: [string, FixStep],
  ): HeaderVerdict => ({
    mechanism: "dkim",
    source: "postwright",
    status,
    reason: ref(key, params),
    ...(fix ? { fix: ref(fix[0], params, fix[1]) } : {}),
  });
  if (!signatures.length) return v("none", "dkim.none", { fromDomain }, ["dkim.noneFix", "mail"]);
  const others = (s: Signature) =>
    signatures
      .filter((o) => o !== s)
      .map((o) => `${o.domain}/${o.selector}: ${o.result}`)
      .join(", ") || "-";
  const aligned = signatures.find((s) => s.result === "pass" && s.aligned);
  if (aligned)
    return v("pass", "dkim.pass", { domain: aligned.domain, selector: aligned.selector, others: others(aligned) });
  const own = signatures.find((s) => s.aligned) ?? signatures[0];
  const p = { domain: own.domain, selector: own.selector, fromDomain, comment: own.comment, others: others(own) };
  const unalignedPass = signatures.find((s) => s.result === "pass");
  if (own.comment === "body hash did not verify") return v("fail", "dkim.bodyHash", p, ["dkim.bodyHashFix", "network"]);
  if (own.comment === "no key") return v("permerror", "dkim.noKey", p, ["dkim.noKeyFix", "dns"]);
  if (own.comment === "bad signature") return v("fail", "dkim.badSignature", p, ["dkim.badSignatureFix", "dns"]);
  if (own.result === "temperror") return v("temperror", "dkim.temperror", p, ["dkim.temperrorFix", "checks"]);
  if (unalignedPass && !own.aligned)
    return v("pass", "dkim.passUnaligned", { ...p, domain: unalignedPass.domain }, ["dkim.unalignedFix", "dns"]);
  return v(own.result === "pass" ? "neutral" : own.result, "dkim.other", p, ["dkim.noKeyFix", "dns"]);
}

interface ArcLink {
  i?: number;
  "arc-seal"?: { signingDomain?: string; parsed?: { d?: { value?: string } } };
  "arc-authentication-results"?: { value?: string };
}

/** The ARC sets in instance order (mailauth's parsed chain), empty when there is none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function arcChain(dkim: any): ArcLink[] {
  const chain = dkim?.arc?.chain;
  return Array.isArray(chain) ? [...chain].sort((a, b) => (a.i ?? 0) - (b.i ?? 0)) : [];
}

const sealerOf = (l: ArcLink) =>
  String(l["arc-seal"]?.signingDomain ?? l["arc-seal"]?.parsed?.d?.value ?? "").toLowerCase();

/** The first sealer that is not the receiver itself (Gmail seals everything it receives): who forwarded. */
function forwarderOf(chain: ArcLink[], receiverId: string | undefined): string {
  const id = (receiverId ?? "").toLowerCase();
  return chain.map(sealerOf).find((d) => d && !(id === d || id.endsWith(`.${d}`))) ?? "";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function arcVerdict(arcResult: any, chain: ArcLink[], firstAr: AuthResultsField | undefined): HeaderVerdict {
  const result = normalizeStatus(String(arcResult?.status?.result ?? "none"));
  const count = chain.length;
  if (result === "none") return { mechanism: "arc", source: "postwright", status: "none", reason: ref("arc.none") };
  if (result === "pass") {
    const first = chain[0];
    const seen = firstAr?.results.map((r) => `${r.method}=${r.result}`).join(" ") || "-";
    return {
      mechanism: "arc",
      source: "postwright",
      status: "pass",
      reason: ref("arc.pass", { count, sealer: first ? sealerOf(first) : "-", seen }),
    };
  }
  return {
    mechanism: "arc",
    source: "postwright",
    status: result,
    reason: ref("arc.fail", { count, comment: String(arcResult?.status?.comment ?? result) }),
    fix: ref("arc.failFix", {}, "checks"),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function dmarcOwnVerdict(
  dm: any,
  c: { fromDomain: string; spf: string; dkim: string; arcPassed: boolean; forwarder: string },
): HeaderVerdict {
  const result = normalizeStatus(String(dm?.status?.result ?? "none"));
  const domain = String(dm?.domain ?? c.fromDomain);
  const policy = String(dm?.policy ?? "none");
  const params = { domain, policy, spf: c.spf, dkim: c.dkim, forwarder: c.forwarder };
  const base = { mechanism: "dmarc" as const, source: "postwright" as const };
  if (result === "pass") {
    const via =
      [dm?.alignment?.spf?.result && "SPF", dm?.alignment?.dkim?.result && "DKIM"].filter(Boolean).join(" + ") ||
      "SPF/DKIM";
    return { ...base, status: "pass", reason: ref("dmarc.pass", { ...params, via }) };
  }
  if (result === "none")
    return { ...base, status: "none", reason: ref("dmarc.none", params), fix: ref("dmarc.noneFix", params, "dns") };
  if (result === "temperror")
    return {
      ...base,
      status: "temperror",
      reason: ref("dmarc.temperror", params),
      fix: ref("spf.errorFix", params, "checks"),
    };
  if (c.arcPassed && c.forwarder)
    return {
      ...base,
      status: result,
      reason: ref("dmarc.failForwarded", params),
      fix: ref("dmarc.failForwardedFix", params),
    };
  return { ...base, status: result, reason: ref("dmarc.fail", params), fix: ref("dmarc.failFix", params, "network") };
}
