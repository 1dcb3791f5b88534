import { domainToASCII } from "node:url";
import { checkIds, type CheckId, type CheckStatus } from "@/lib/checks/result";
import { reverseName } from "@/lib/checks/reverse-name";
import type { WorldCase } from "./world";
import { unreachableAddress } from "./world";
import { LINE, add, drop, edits, replace, txt, txtStrings } from "./zone-edits";

/**
 * The corpus: faults planted one at a time in an otherwise correct setup, and
 * correct setups written in unusual but valid ways. Each is derived from the
 * RFC that defines the record (or from what receivers document they do),
 * named in `ref`. `expect` lists every check whose status differs from the
 * clean setup's; every other check must keep the clean status.
 */
export interface CorpusCase extends WorldCase {
  kind: "fault" | "valid";
  title: string;
  ref: string;
  /** For a fault: the check(s) that must catch it. */
  target: CheckId[];
  expect: Partial<Record<CheckId, CheckStatus>>;
}

/** The clean setup: every check passes, except DNSSEC and DANE, which the rig's unsigned zones do not offer. */
export const baseline: Record<CheckId, CheckStatus> = {
  ...(Object.fromEntries(checkIds.map((id) => [id, "pass"])) as Record<CheckId, CheckStatus>),
  dnssec: "skip",
  tlsa: "skip",
};

export function expectedStatuses(c: CorpusCase): Record<CheckId, CheckStatus> {
  return { ...baseline, ...c.expect };
}

const fault = (
  id: string,
  title: string,
  ref: string,
  target: CheckId[],
  expect: CorpusCase["expect"],
  rest: Omit<WorldCase, "id"> = {},
): CorpusCase => ({ id, kind: "fault", title, ref, target, expect, ...rest });
const valid = (
  id: string,
  title: string,
  ref: string,
  rest: Omit<WorldCase, "id"> = {},
  expect: CorpusCase["expect"] = {},
): CorpusCase => ({ id, kind: "valid", title, ref, target: [], expect, ...rest });

/** Checks that cannot say anything when the resolver does not work (they ask it, or ask through it). */
const needResolver: CheckId[] = [
  "port25-outbound",
  "ns",
  "a",
  "aaaa",
  "mx",
  "ptr",
  "spf",
  "dkim",
  "dmarc",
  "mta-sts",
  "tls-rpt",
  "caa",
  "srv",
  "dnssec",
  "tlsa",
  "dnsbl",
  "dynamic-ip",
];
/** Checks that ask the domain's own nameservers (or the resolver about names only they serve). */
const needNameservers: CheckId[] = [
  "a",
  "aaaa",
  "mx",
  "ptr",
  "spf",
  "dkim",
  "dmarc",
  "mta-sts",
  "tls-rpt",
  "caa",
  "srv",
  "dnssec",
  "tlsa",
];
const all = (ids: CheckId[], status: CheckStatus) => Object.fromEntries(ids.map((id) => [id, status]));

const spf = (value: string) => (t: string) => replace(LINE.spf, txt("@", value))(t);
const ipTerms = (e: { ipv4?: string; ipv6?: string }) =>
  [e.ipv4 && `ip4:${e.ipv4}`, e.ipv6 && `ip6:${e.ipv6}`].filter(Boolean).join(" ");
const dkimRsa = (value: (key: string) => string) => (t: string, e: { dkimKeys: { publicKey: string }[] }) =>
  replace(LINE.dkimRsa, txt("pw1._domainkey", value(e.dkimKeys[0].publicKey)))(t);
const dmarc = (value: string) => replace(LINE.dmarc, txt("_dmarc", value));
const caa = (...values: string[]) => replace(LINE.caa, values.map((v) => `@ 300 IN CAA ${v}`).join("\n"));

const SPF_FAULTS: CorpusCase[] = [
  fault("spf-missing", "no SPF record", "RFC 7208 §2.6.1 (none)", ["spf"], { spf: "fail" }, { zone: drop(LINE.spf) }),
  fault(
    "spf-two-records",
    "two v=spf1 records",
    "RFC 7208 §4.5 (permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: add(txt("@", "v=spf1 a -all")) },
  ),
  fault(
    "spf-bad-ip-after-match",
    "ip4:192.0.2.300 after the matching term",
    "RFC 7208 §4.6 (syntax errors anywhere: permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} ip4:192.0.2.300 -all`)(t) },
  ),
  fault(
    "spf-unknown-mechanism",
    "an unknown mechanism (ip:)",
    "RFC 7208 §5 (permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} ip:198.51.100.1 -all`)(t) },
  ),
  fault(
    "spf-plus-all",
    "+all authorizes every host",
    "RFC 7208 §10.1.3 (+all nullifies SPF)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} +all`)(t) },
  ),
  fault(
    "spf-softfail-all",
    "~all: others only soft-fail (DMARC quarantine)",
    "RFC 7208 §8.5, RFC 7489 §6.6.2",
    ["spf"],
    { spf: "warn" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} ~all`)(t) },
  ),
  fault(
    "spf-neutral-all",
    "?all with DMARC p=none: spoofed mail is not refused",
    "RFC 7208 §8.2, RFC 7489 §6.3",
    ["spf"],
    { spf: "warn", dmarc: "warn" },
    { setup: { dmarc: { policy: "none" } }, zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} ?all`)(t) },
  ),
  fault(
    "spf-no-all",
    "no all term (default neutral)",
    "RFC 7208 §4.7",
    ["spf"],
    { spf: "warn" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)}`)(t) },
  ),
  fault(
    "spf-redirect-nowhere",
    "redirect= to a name without SPF",
    "RFC 7208 §6.1 (permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 redirect=_spf.${e.domain}`)(t) },
  ),
  fault(
    "spf-include-none",
    "include: of a name without SPF, before the server's address",
    "RFC 7208 §5.2 (none → permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 include:_spf.${e.domain} ${ipTerms(e)} -all`)(t) },
  ),
  fault(
    "spf-include-loop",
    "two records including each other",
    "RFC 7208 §4.6.4 (lookup limit: permerror)",
    ["spf"],
    { spf: "fail" },
    {
      zone: (t, e) =>
        edits(
          spf(`v=spf1 include:_a.${e.domain} ${ipTerms(e)} -all`),
          add(txt("_a", `v=spf1 include:_b.${e.domain} -all`), txt("_b", `v=spf1 include:_a.${e.domain} -all`)),
        )(t),
    },
  ),
  fault(
    "spf-eleven-lookups",
    "11 includes before the server's address",
    "RFC 7208 §4.6.4 (more than 10 lookups: permerror)",
    ["spf"],
    { spf: "fail" },
    {
      zone: (t, e) =>
        edits(
          spf(
            `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:_s${i}.${e.domain}`).join(" ")} ${ipTerms(e)} -all`,
          ),
          add(...Array.from({ length: 11 }, (_, i) => txt(`_s${i}`, "v=spf1 -all"))),
        )(t),
    },
  ),
  fault(
    "spf-void-lookups",
    "three a: terms naming nothing, before the address",
    "RFC 7208 §4.6.4 (more than 2 void lookups: permerror)",
    ["spf"],
    { spf: "fail" },
    {
      zone: (t, e) => spf(`v=spf1 a:nx1.${e.domain} a:nx2.${e.domain} a:nx3.${e.domain} ${ipTerms(e)} -all`)(t),
    },
  ),
  fault(
    "spf-ipv6-not-covered",
    "the IPv6 address is not in SPF",
    "RFC 7208 §2.6.2 (fail for that address)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ip4:${e.ipv4} -all`)(t) },
  ),
  fault(
    "spf-bad-cidr",
    "ip4:…/33",
    "RFC 7208 §5.6 (invalid CIDR: permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ip4:${e.ipv4}/33 ip6:${e.ipv6} -all`)(t) },
  ),
  fault(
    "spf-split-no-space",
    "TXT split into strings with no space at the joint",
    "RFC 7208 §3.3 (strings are joined without spaces)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => replace(LINE.spf, txtStrings("@", `v=spf1 ip4:${e.ipv4}`, `ip6:${e.ipv6} -all`))(t) },
  ),
  fault(
    "spf-senderid-only",
    "only a Sender ID record (spf2.0/pra)",
    "RFC 7208 §4.5 (not an SPF record: none)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => replace(LINE.spf, txt("@", `spf2.0/pra ${ipTerms(e)} -all`))(t) },
  ),
  fault(
    "spf-rrtype-only",
    "only in the obsolete SPF RR type",
    "RFC 7208 §3.1 (TXT only)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => replace(LINE.spf, `@ 300 IN SPF "v=spf1 ${ipTerms(e)} -all"`)(t) },
  ),
  fault(
    "spf-trailing-dot",
    "-all. (a stray character)",
    "RFC 7208 §12 (ABNF: permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} -all.`)(t) },
  ),
  fault(
    "spf-two-redirects",
    "two redirect= modifiers",
    "RFC 7208 §6 (permerror)",
    ["spf"],
    { spf: "fail" },
    {
      zone: (t, e) =>
        edits(
          spf(`v=spf1 redirect=_a.${e.domain} redirect=_b.${e.domain}`),
          add(txt("_a", `v=spf1 ${ipTerms(e)} -all`), txt("_b", `v=spf1 ${ipTerms(e)} -all`)),
        )(t),
    },
  ),
  fault(
    "spf-all-first",
    "-all before the server's address",
    "RFC 7208 §4.6.2 (first match wins)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 -all ${ipTerms(e)}`)(t) },
  ),
  fault(
    "spf-include-syntax-error",
    "an included record with a syntax error after its match",
    "RFC 7208 §5.2, §4.6 (permerror propagates)",
    ["spf"],
    { spf: "fail" },
    {
      zone: (t, e) =>
        edits(
          spf(`v=spf1 include:_spf.${e.domain} -all`),
          add(txt("_spf", `v=spf1 ${ipTerms(e)} ip4:1.2.3.999 -all`)),
        )(t),
    },
  ),
  fault(
    "spf-helo-missing",
    "the mail host has no SPF record for HELO",
    "RFC 7208 §2.3 (HELO identity)",
    ["spf"],
    { spf: "warn" },
    { zone: drop(LINE.heloSpf) },
  ),
  fault(
    "spf-bad-macro",
    "a malformed macro (%{z})",
    "RFC 7208 §7.1 (permerror)",
    ["spf"],
    { spf: "fail" },
    { zone: (t, e) => spf(`v=spf1 ${ipTerms(e)} exists:%{z}.${e.domain} -all`)(t) },
  ),
];

const SPF_VALID: CorpusCase[] = [
  valid("spf-include-chain", "SPF through two levels of include at a provider", "RFC 7208 §5.2", {
    zone: (t, e) => spf(`v=spf1 include:_spf-${e.domain.split(".")[0]}.provider.test -all`)(t),
    helpers: (e) => ({
      "provider.test": [
        txt(`_spf-${e.domain.split(".")[0]}`, `v=spf1 include:_spf2-${e.domain.split(".")[0]}.provider.test -all`),
        txt(`_spf2-${e.domain.split(".")[0]}`, `v=spf1 ${ipTerms(e)} ~all`),
      ],
    }),
  }),
  valid("spf-redirect", "SPF by redirect= to another name", "RFC 7208 §6.1", {
    zone: (t, e) => edits(spf(`v=spf1 redirect=_spf.${e.domain}`), add(txt("_spf", `v=spf1 ${ipTerms(e)} -all`)))(t),
  }),
  valid("spf-split-strings", "SPF split into two strings with the space kept", "RFC 7208 §3.3", {
    zone: (t, e) => replace(LINE.spf, txtStrings("@", `v=spf1 ip4:${e.ipv4} `, `ip6:${e.ipv6} -all`))(t),
  }),
  valid("spf-mx-a", "SPF by mx and a: terms", "RFC 7208 §5.3, §5.4", {
    zone: (t, e) => spf(`v=spf1 mx a:${e.hostname} -all`)(t),
  }),
  valid("spf-exists-macro", "SPF by exists:%{i} (one name per address)", "RFC 7208 §5.7, §7", {
    zone: (t, e) =>
      edits(
        spf(`v=spf1 exists:%{i}._spf.${e.domain} -all`),
        add(
          `${e.ipv4}._spf 300 IN A 127.0.0.2`,
          `${reverseName(e.ipv6!)
            .replace(/\.ip6\.arpa$/, "")
            .split(".")
            .reverse()
            .join(".")}._spf 300 IN A 127.0.0.2`,
        ),
      )(t),
  }),
  valid("spf-other-txt", "other TXT records at the apex beside SPF", "RFC 7208 §4.5 (only v=spf1 records count)", {
    zone: add(txt("@", "google-site-verification=abc123"), txt("@", "MS=ms12345678")),
  }),
  valid("spf-uppercase", "mechanisms in capitals", "RFC 7208 §4.6.1 (case-insensitive)", {
    zone: (t, e) => spf(`v=spf1 IP4:${e.ipv4} IP6:${e.ipv6} -ALL`)(t),
  }),
  valid(
    "spf-exp-and-unknown-modifier",
    "exp= and an unknown modifier",
    "RFC 7208 §6.2, §6 (unknown modifiers ignored)",
    {
      zone: (t, e) =>
        edits(
          spf(`v=spf1 ${ipTerms(e)} -all exp=explain._spf.${e.domain} moo=cow`),
          add(txt("explain._spf", "%{i} is not one of %{d}'s mail servers")),
        )(t),
    },
  ),
];

const DKIM_FAULTS: CorpusCase[] = [
  fault(
    "dkim-missing",
    "no key at the selector",
    "RFC 6376 §6.1.2 (no key: PERMFAIL)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: drop(LINE.dkimRsa),
    },
  ),
  fault(
    "dkim-v-dkim2",
    "v=DKIM2",
    "RFC 6376 §3.6.1 (v= other than DKIM1: discarded)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM2; k=rsa; p=${k}`),
    },
  ),
  fault(
    "dkim-h-sha1",
    "h=sha1 while signing rsa-sha256",
    "RFC 6376 §3.6.1, §6.1.2 (PERMFAIL)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; h=sha1; k=rsa; p=${k}`),
    },
  ),
  fault(
    "dkim-testing",
    "t=y left on",
    "RFC 6376 §3.6.1 (testing mode)",
    ["dkim"],
    { dkim: "warn" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=rsa; t=y; p=${k}`),
    },
  ),
  fault(
    "dkim-service-other",
    "s= without email or *",
    "RFC 6376 §3.6.1 (record ignored for email)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=rsa; s=tlsrpt; p=${k}`),
    },
  ),
  fault(
    "dkim-unknown-k",
    "k=dsa",
    "RFC 6376 §3.6.1, §6.1.2 (unknown key type: PERMFAIL)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=dsa; p=${k}`),
    },
  ),
  fault(
    "dkim-revoked",
    "empty p= (revoked)",
    "RFC 6376 §3.6.1",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa(() => "v=DKIM1; k=rsa; p="),
    },
  ),
  fault(
    "dkim-bad-base64",
    "p= with characters outside base64",
    "RFC 6376 §3.6.1 (PERMFAIL)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=rsa; p=${k.slice(0, 100)}!*${k.slice(102)}`),
    },
  ),
  fault(
    "dkim-truncated",
    "the key cut at the first string",
    "RFC 6376 §3.6.2.2 (strings joined)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=rsa; p=${k.slice(0, 200)}`),
    },
  ),
  fault(
    "dkim-other-key",
    "a key from another keypair",
    "RFC 6376 §6.1.3 (signature does not verify)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa(
        (k) => `v=DKIM1; k=rsa; p=${k.slice(0, 60)}${[...k.slice(60, 120)].reverse().join("")}${k.slice(120)}`,
      ),
    },
  ),
  fault(
    "dkim-two-records",
    "two TXT records at the selector",
    "RFC 6376 §3.6.2.2 (undefined: fail)",
    ["dkim"],
    { dkim: "fail" },
    {
      // Not the same text twice: a DNS server keeps one copy of identical records.
      zone: (t, e) => add(txt("pw1._domainkey", `v=DKIM1; k=rsa; n=old; p=${e.dkimKeys[0].publicKey}`))(t),
    },
  ),
  fault(
    "dkim-no-p",
    "no p= tag",
    "RFC 6376 §3.6.1 (p= required)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa(() => "v=DKIM1; k=rsa"),
    },
  ),
  fault(
    "dkim-cname-dangling",
    "selector CNAME to a name that does not exist",
    "RFC 6376 §3.6.2.2",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: replace(LINE.dkimRsa, "pw1._domainkey 300 IN CNAME gone._domainkey.provider.test."),
    },
  ),
  fault(
    "dkim-ed25519-as-rsa",
    "the Ed25519 key published with k=rsa",
    "RFC 8463 §4 (k=ed25519)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: (t, e) => replace(LINE.dkimEd, txt("pw1e._domainkey", `v=DKIM1; k=rsa; p=${e.dkimKeys[1].publicKey}`))(t),
    },
  ),
  fault(
    "dkim-duplicate-tag",
    "p= given twice",
    "RFC 6376 §3.2 (duplicate tag: tag-list invalid)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `v=DKIM1; k=rsa; p=${k}; p=${k}`),
    },
  ),
  fault(
    "dkim-v-not-first",
    "v=DKIM1 after another tag",
    "RFC 6376 §3.6.1 (v= MUST be first)",
    ["dkim"],
    { dkim: "fail" },
    {
      zone: dkimRsa((k) => `k=rsa; v=DKIM1; p=${k}`),
    },
  ),
];

const DKIM_VALID: CorpusCase[] = [
  valid("dkim-cname-provider", "both selectors CNAMEd to a provider's names", "RFC 6376 §3.6.2.2 (CNAMEs followed)", {
    zone: (t, e) =>
      edits(
        replace(LINE.dkimRsa, `pw1._domainkey 300 IN CNAME pw1.${e.domain.split(".")[0]}.keys.provider.test.`),
        replace(LINE.dkimEd, `pw1e._domainkey 300 IN CNAME pw1e.${e.domain.split(".")[0]}.keys.provider.test.`),
      )(t),
    helpers: (e) => ({
      "provider.test": [
        txt(`pw1.${e.domain.split(".")[0]}.keys`, `v=DKIM1; k=rsa; p=${e.dkimKeys[0].publicKey}`),
        txt(`pw1e.${e.domain.split(".")[0]}.keys`, `v=DKIM1; k=ed25519; p=${e.dkimKeys[1].publicKey}`),
      ],
    }),
  }),
  valid("dkim-spaces-in-key", "spaces inside p=", "RFC 6376 §3.6.1 (FWS in base64 ignored)", {
    zone: dkimRsa((k) => `v=DKIM1; k=rsa; p=${k.match(/.{1,64}/g)!.join(" ")}`),
  }),
  valid("dkim-extra-tags", "h=, s=, t=s, n= and an unknown tag", "RFC 6376 §3.6.1 (unknown tags ignored)", {
    zone: dkimRsa((k) => `v=DKIM1; h=sha1:sha256; s=email; t=s; n=rotated 2026; g=*; k=rsa; p=${k}`),
  }),
  valid("dkim-no-version", "no v= tag", "RFC 6376 §3.6.1 (v= optional)", {
    zone: dkimRsa((k) => `k=rsa; p=${k}`),
  }),
];

const DMARC_FAULTS: CorpusCase[] = [
  fault(
    "dmarc-missing",
    "no DMARC record",
    "RFC 7489 §6.6.3",
    ["dmarc"],
    { dmarc: "fail" },
    { zone: drop(LINE.dmarc) },
  ),
  fault(
    "dmarc-two-records",
    "two DMARC records",
    "RFC 7489 §6.6.3 (no policy)",
    ["dmarc"],
    { dmarc: "fail" },
    {
      zone: (t, e) => add(txt("_dmarc", `v=DMARC1; p=none; rua=mailto:postmaster@${e.domain}`))(t),
    },
  ),
  fault(
    "dmarc-bad-policy",
    "p=quarantin",
    "RFC 7489 §6.3, §6.6.3",
    ["dmarc"],
    { dmarc: "fail" },
    {
      zone: (t, e) => dmarc(`v=DMARC1; p=quarantin; rua=mailto:postmaster@${e.domain}`)(t),
    },
  ),
  fault(
    "dmarc-v-not-first",
    "v=DMARC1 not first",
    "RFC 7489 §6.4 (v MUST be first)",
    ["dmarc"],
    { dmarc: "fail" },
    {
      zone: (t, e) => dmarc(`p=quarantine; v=DMARC1; rua=mailto:postmaster@${e.domain}`)(t),
    },
  ),
  fault(
    "dmarc-p-none",
    "p=none",
    "RFC 7489 §6.3 (monitoring only)",
    ["dmarc"],
    { dmarc: "warn" },
    {
      zone: (t, e) => dmarc(`v=DMARC1; p=none; rua=mailto:postmaster@${e.domain}`)(t),
    },
  ),
  fault(
    "dmarc-external-unauthorized",
    "reports to another domain that did not authorize them",
    "RFC 7489 §7.1 (reports not sent)",
    ["dmarc"],
    { dmarc: "warn" },
    { zone: dmarc("v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.test") },
  ),
  fault(
    "dmarc-pct-zero",
    "pct=0",
    "RFC 7489 §6.3 (policy applied to no message)",
    ["dmarc"],
    { dmarc: "warn" },
    {
      zone: (t, e) => dmarc(`v=DMARC1; p=quarantine; pct=0; rua=mailto:postmaster@${e.domain}`)(t),
    },
  ),
  fault(
    "dmarc-no-rua",
    "no report address",
    "RFC 7489 §6.3 (rua optional: no reports)",
    ["dmarc"],
    { dmarc: "warn" },
    {
      zone: dmarc("v=DMARC1; p=quarantine"),
    },
  ),
  fault(
    "dmarc-rua-not-uri",
    "rua without mailto:",
    "RFC 7489 §6.4 (invalid URI ignored)",
    ["dmarc"],
    { dmarc: "warn" },
    {
      zone: (t, e) => dmarc(`v=DMARC1; p=quarantine; rua=postmaster@${e.domain}`)(t),
    },
  ),
  fault(
    "dmarc-cname-dangling",
    "_dmarc CNAME to a name that does not exist",
    "RFC 7489 §6.6.3",
    ["dmarc"],
    { dmarc: "fail" },
    {
      zone: replace(LINE.dmarc, "_dmarc 300 IN CNAME gone.dmarc.provider.test."),
    },
  ),
];

const DMARC_VALID: CorpusCase[] = [
  valid("dmarc-cname-provider", "_dmarc CNAMEd to a provider's name", "RFC 7489 §6.6.3 (a TXT query follows CNAMEs)", {
    zone: (t, e) => replace(LINE.dmarc, `_dmarc 300 IN CNAME ${e.domain.split(".")[0]}.dmarc.provider.test.`)(t),
    helpers: (e) => ({
      "provider.test": [
        txt(`${e.domain.split(".")[0]}.dmarc`, `v=DMARC1; p=reject; rua=mailto:postmaster@${e.domain}`),
      ],
    }),
  }),
  valid("dmarc-external-authorized", "reports to another domain that authorized them", "RFC 7489 §7.1", {
    zone: dmarc("v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.test"),
    helpers: (e) => ({ "reports.test": [txt(`${e.domain}._report._dmarc`, "v=DMARC1")] }),
  }),
  valid("dmarc-wildcard-authorization", "reports to a domain authorizing every sender", "RFC 7489 §7.1 (wildcard)", {
    zone: dmarc("v=DMARC1; p=reject; rua=mailto:dmarc+wild@provider.test"),
    helpers: () => ({ "provider.test": [txt("*._report._dmarc", "v=DMARC1")] }),
  }),
  valid(
    "dmarc-split-extra-tags",
    "DMARC split into strings, with fo=, adkim=, aspf= and a size limit",
    "RFC 7489 §6.3",
    {
      zone: (t, e) =>
        replace(
          LINE.dmarc,
          txtStrings("_dmarc", "v=DMARC1; p=reject; ", `rua=mailto:postmaster@${e.domain}!10m; fo=1; adkim=s; aspf=s`),
        )(t),
    },
  ),
];

const MX_FAULTS: CorpusCase[] = [
  fault("mx-missing", "no MX record", "RFC 5321 §5.1", ["mx"], { mx: "fail" }, { zone: drop(LINE.mx) }),
  fault(
    "mx-host-no-address",
    "the MX host has no A or AAAA",
    "RFC 5321 §5.1 (no address: unusable)",
    ["mx"],
    { mx: "fail", a: "fail", aaaa: "fail", ptr: "fail", spf: "warn", "mta-sts": "fail" },
    { zone: edits(drop(LINE.a), drop(LINE.aaaa)) },
  ),
  fault(
    "mx-typo",
    "MX to a name that does not exist",
    "RFC 5321 §5.1",
    ["mx"],
    { mx: "fail" },
    {
      zone: (t, e) => replace(LINE.mx, `@ 300 IN MX 10 mial.${e.domain}.`)(t),
    },
  ),
  fault(
    "mx-cname",
    "MX target is a CNAME",
    "RFC 2181 §10.3, RFC 5321 §5.1",
    ["mx"],
    { mx: "fail" },
    {
      zone: (t, e) =>
        edits(replace(LINE.mx, `@ 300 IN MX 10 smtp.${e.domain}.`), add(`smtp 300 IN CNAME ${e.hostname}.`))(t),
    },
  ),
  fault(
    "mx-ip-literal",
    "MX value is an IP address",
    "RFC 5321 §5.1 (a host name)",
    ["mx"],
    { mx: "fail" },
    {
      zone: (t, e) => replace(LINE.mx, `@ 300 IN MX 10 ${e.ipv4}.`)(t),
    },
  ),
  fault(
    "mx-null",
    "null MX (0 .)",
    "RFC 7505 (accepts no mail)",
    ["mx"],
    { mx: "fail" },
    {
      zone: replace(LINE.mx, "@ 300 IN MX 0 ."),
    },
  ),
  fault(
    "mx-dead-backup",
    "a backup MX with no address",
    "RFC 5321 §5.1",
    ["mx"],
    { mx: "warn" },
    {
      zone: (t, e) => add(`@ 300 IN MX 20 backup.${e.domain}.`)(t),
    },
  ),
];

const MX_VALID: CorpusCase[] = [
  valid("mx-backup", "a second, lower-preference MX at a provider", "RFC 5321 §5.1", {
    zone: add("@ 300 IN MX 20 backup-mx.provider.test."),
  }),
];

const ADDRESS_FAULTS: CorpusCase[] = [
  fault(
    "a-wrong",
    "A record with another address",
    "RFC 1035 §3.4.1",
    ["a"],
    { a: "fail", ptr: "fail", spf: "warn" },
    { zone: replace(LINE.a, "mail 300 IN A 192.0.2.250") },
  ),
  fault("a-missing", "no A record", "RFC 1035", ["a"], { a: "fail", ptr: "fail", spf: "warn" }, { zone: drop(LINE.a) }),
  fault(
    "aaaa-missing",
    "no AAAA record",
    "RFC 3596",
    ["aaaa"],
    { aaaa: "fail", ptr: "fail", spf: "warn" },
    {
      zone: drop(LINE.aaaa),
    },
  ),
  fault(
    "a-cname",
    "the mail host is a CNAME",
    "RFC 2181 §10.3 (MX and mail hosts are not aliases)",
    ["a", "aaaa", "mx"],
    { a: "fail", aaaa: "fail", mx: "fail", spf: "warn" },
    {
      zone: (t, e) =>
        edits(
          drop(LINE.a),
          drop(LINE.aaaa),
          drop(LINE.heloSpf),
          add(`mail 300 IN CNAME host-${e.domain.split(".")[0]}.provider.test.`),
        )(t),
      helpers: (e) => ({
        "provider.test": [
          `host-${e.domain.split(".")[0]} IN A ${e.ipv4}`,
          `host-${e.domain.split(".")[0]} IN AAAA ${e.ipv6}`,
        ],
      }),
    },
  ),
  fault(
    "a-two-addresses",
    "a second A record",
    "RFC 1035",
    ["a"],
    { a: "fail" },
    {
      zone: add("mail 300 IN A 192.0.2.251"),
    },
  ),
  fault(
    "a-cdn",
    "A record at a CDN proxy",
    "CDN proxies carry HTTP, not SMTP",
    ["a"],
    { a: "fail", ptr: "fail", spf: "warn" },
    {
      zone: replace(LINE.a, "mail 300 IN A 104.16.0.1"),
    },
  ),
];

const PTR_FAULTS: CorpusCase[] = [
  fault(
    "ptr-missing-v4",
    "no PTR for the IPv4 address",
    "RFC 1912 §2.1; Gmail/Outlook sender rules",
    ["ptr"],
    { ptr: "fail" },
    {
      ptr: () => ({ v4: [] }),
    },
  ),
  fault(
    "ptr-missing-v6",
    "no PTR for the IPv6 address",
    "Gmail sender rules (IPv6 PTR)",
    ["ptr"],
    { ptr: "fail" },
    {
      ptr: () => ({ v6: [] }),
    },
  ),
  fault(
    "ptr-not-confirmed",
    "PTR to a name that does not resolve back",
    "FCrDNS",
    ["ptr"],
    { ptr: "fail" },
    {
      ptr: () => ({ v4: ["host.nowhere.test."] }),
    },
  ),
  fault(
    "ptr-generic",
    "the ISP's generic reverse name",
    "M3AAWG rDNS best practices",
    ["ptr", "dynamic-ip"],
    { ptr: "fail", "dynamic-ip": "fail" },
    { ptr: () => ({ v4: ["1-2-0-192.dsl.isp.test."] }) },
  ),
  fault(
    "ptr-two",
    "two PTR records",
    "RFC 1912 §2.1",
    ["ptr"],
    { ptr: "fail" },
    {
      ptr: () => ({ v4: [] }),
      helpers: (e) => ({
        "2.0.192.in-addr.arpa": [
          `${reverseName(e.ipv4!)}. IN PTR ${e.hostname}.`,
          `${reverseName(e.ipv4!)}. IN PTR www.${e.domain}.`,
        ],
      }),
    },
  ),
  fault(
    "ptr-other-name",
    "PTR to another name of the domain, confirmed, not the HELO name",
    "FCrDNS holds; HELO mismatch scored by filters",
    ["ptr"],
    { ptr: "warn" },
    {
      ptr: (e) => ({ v4: [`server.${e.domain}.`] }),
      zone: (t, e) => add(`server 300 IN A ${e.ipv4}`)(t),
    },
  ),
];

const PTR_VALID: CorpusCase[] = [
  valid("ptr-rfc2317", "PTR through an RFC 2317 classless delegation (CNAME into the customer's zone)", "RFC 2317", {
    setup: { ipv4: "192.0.2.200" },
    helpers: (e) => ({
      "2.0.192.in-addr.arpa": [`200 IN CNAME 200.192-26.2.0.192.in-addr.arpa.`, `192-26 IN NS ns1.${e.domain}.`],
    }),
    ns1Zones: (e) => [{ name: "192-26.2.0.192.in-addr.arpa", body: [`200 IN PTR ${e.hostname}.`] }],
  }),
];

const NS_FAULTS: CorpusCase[] = [
  fault(
    "ns-lame-second",
    "the second nameserver does not serve the zone (REFUSED)",
    "RFC 1912 §2.8 (lame)",
    ["ns"],
    { ns: "fail" },
    {
      servers: { ns2: "absent" },
    },
  ),
  fault(
    "ns-servfail-second",
    "the second nameserver fails to load the zone (SERVFAIL)",
    "RFC 1035 §4.1.1",
    ["ns"],
    { ns: "fail" },
    {
      servers: { ns2: "broken" },
    },
  ),
  fault(
    "ns-silent-second",
    "the second nameserver never answers",
    "RFC 1035 §4.2",
    ["ns"],
    { ns: "fail" },
    {
      nameservers: { ns2: "silent" },
    },
  ),
  fault(
    "ns-lame-first",
    "the first nameserver does not serve the zone",
    "RFC 1912 §2.8",
    ["ns"],
    { ns: "fail" },
    {
      servers: { ns1: "absent" },
    },
  ),
  fault(
    "ns-serial-behind",
    "the second nameserver serves an older serial",
    "RFC 1996, RFC 1034 §4.3.5",
    ["ns"],
    { ns: "fail" },
    {
      servers: { ns2: (t) => t.replace(/SOA (\S+ \S+ \( )(\d+)/, (_m, p, s) => `SOA ${p}${Number(s) - 10}`) },
    },
  ),
  fault(
    "ns-stale-content",
    "the second nameserver serves an older zone with p=none",
    "RFC 1034 §4.3.5 (receivers ask either server)",
    ["ns", "dmarc"],
    { ns: "fail", dmarc: "warn" },
    {
      servers: {
        ns2: (t) =>
          t
            .replace(/SOA (\S+ \S+ \( )(\d+)/, (_m, p, s) => `SOA ${p}${Number(s) - 10}`)
            .replace("p=quarantine", "p=none"),
      },
    },
  ),
  fault(
    "ns-single",
    "a single nameserver",
    "RFC 1034 §4.1 (at least two)",
    ["ns"],
    { ns: "warn" },
    {
      nameservers: { ns2: null },
    },
  ),
  fault(
    "ns-slow-second",
    "the second nameserver answers 2 s late",
    "slow, not missing",
    ["ns"],
    { ns: "warn" },
    {
      nameservers: { ns2: "slowNs2" },
    },
  ),
  fault(
    "ns-both-silent",
    "neither nameserver answers",
    "RFC 1035 §4.2 (the domain is unreachable)",
    ["ns"],
    { ns: "fail", ...all(needNameservers, "skip") },
    { nameservers: { ns1: "silent", ns2: "silent2" } },
  ),
];

const MTA_STS_FAULTS: CorpusCase[] = [
  fault(
    "mtasts-txt-missing",
    "no _mta-sts record",
    "RFC 8461 §3.1",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      zone: drop(LINE.mtaSts),
    },
  ),
  fault(
    "mtasts-id-mismatch",
    "the record's id not changed with the policy",
    "RFC 8461 §3.1 (id)",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      zone: replace(LINE.mtaSts, txt("_mta-sts", "v=STSv1; id=20250101000000")),
    },
  ),
  fault(
    "mtasts-html",
    "policy served as text/html",
    "RFC 8461 §3.2 (text/plain)",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { contentType: "text/html" },
    },
  ),
  fault(
    "mtasts-404",
    "no policy file",
    "RFC 8461 §3.3",
    ["mta-sts"],
    { "mta-sts": "fail" },
    { policy: { status: 404 } },
  ),
  fault(
    "mtasts-redirect",
    "policy answered by a redirect",
    "RFC 8461 §3.3 (redirects not followed)",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { status: 301, headers: { location: "https://www.example.test/mta-sts.txt" }, body: () => "" },
    },
  ),
  fault(
    "mtasts-mode-mismatch",
    "policy in enforce, setup in testing",
    "RFC 8461 §5",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { body: (p) => p.replace("mode: testing", "mode: enforce") },
    },
  ),
  fault(
    "mtasts-mx-missing",
    "policy does not list the mail host",
    "RFC 8461 §4.1",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { body: (p) => p.replace(/mx: [^\r\n]+/, "mx: other.invalid") },
    },
  ),
  fault(
    "mtasts-no-max-age",
    "policy without max_age",
    "RFC 8461 §3.2",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { body: (p) => p.replace(/max_age: \d+\r?\n/, "") },
    },
  ),
  fault(
    "mtasts-wrong-version",
    "version: STSv2",
    "RFC 8461 §3.2",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { body: (p) => p.replace("STSv1", "STSv2") },
    },
  ),
  fault(
    "mtasts-wrong-cert",
    "policy host's certificate for another name",
    "RFC 8461 §3.3 (valid certificate)",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      policy: { wrongCert: true },
    },
  ),
  fault(
    "mtasts-two-txt",
    "two _mta-sts records",
    "RFC 8461 §3.1",
    ["mta-sts"],
    { "mta-sts": "fail" },
    {
      zone: add(txt("_mta-sts", "v=STSv1; id=1")),
    },
  ),
];

const MTA_STS_VALID: CorpusCase[] = [
  valid(
    "mtasts-lf-charset",
    "policy with LF line ends and a charset",
    "RFC 8461 §3.2 (CRLF or LF; media type parameters)",
    {
      policy: { contentType: "text/plain; charset=utf-8", body: (p) => p.replace(/\r\n/g, "\n") },
    },
  ),
  valid("mtasts-wildcard-mx", "policy listing *.DOMAIN", "RFC 8461 §4.1 (wildcard)", {
    policy: { body: (p) => p.replace(/mx: mail\./, "mx: *.") },
  }),
  valid("mtasts-txt-extension", "_mta-sts record with an extension field", "RFC 8461 §3.1 (extensions ignored)", {
    zone: (t) => t.replace(/(_mta-sts [^\n]*id=[0-9a-f]+)"/, '$1; ext=1"'),
  }),
];

const TLS_RPT: CorpusCase[] = [
  fault(
    "tlsrpt-missing",
    "no TLS-RPT record",
    "RFC 8460 §3",
    ["tls-rpt"],
    { "tls-rpt": "warn" },
    { zone: drop(LINE.tlsRpt) },
  ),
  fault(
    "tlsrpt-two",
    "two TLS-RPT records",
    "RFC 8460 §3 (ignored)",
    ["tls-rpt"],
    { "tls-rpt": "fail" },
    {
      zone: (t, e) => add(txt("_smtp._tls", `v=TLSRPTv1; rua=mailto:tls@${e.domain}`))(t),
    },
  ),
  fault(
    "tlsrpt-http-rua",
    "rua=http:",
    "RFC 8460 §3 (mailto: or https:)",
    ["tls-rpt"],
    { "tls-rpt": "fail" },
    {
      zone: replace(LINE.tlsRpt, txt("_smtp._tls", "v=TLSRPTv1; rua=http://reports.test/tls")),
    },
  ),
  valid("tlsrpt-two-uris", "two report URIs", "RFC 8460 §3", {
    zone: (t, e) =>
      replace(LINE.tlsRpt, txt("_smtp._tls", `v=TLSRPTv1; rua=mailto:tls@${e.domain},https://reports.test/tlsrpt`))(t),
  }),
];

const ACCOUNT = "https://acme-v02.api.letsencrypt.org/acme/acct/123456";
const CAA_CASES: CorpusCase[] = [
  fault(
    "caa-other-ca",
    "CAA names another CA",
    "RFC 8659 §4.2",
    ["caa"],
    { caa: "fail" },
    {
      zone: caa('0 issue "otherca.test"'),
    },
  ),
  fault(
    "caa-host-other-ca",
    "the mail host's own CAA names another CA",
    "RFC 8659 §3 (closest CAA set applies)",
    ["caa"],
    { caa: "fail" },
    {
      zone: add('mail 300 IN CAA 0 issue "otherca.test"'),
    },
  ),
  fault(
    "caa-critical-unknown",
    "a critical unknown tag",
    "RFC 8659 §4.1 (CA must not issue)",
    ["caa"],
    { caa: "fail" },
    {
      zone: caa('0 issue "letsencrypt.org"', '128 tbs "unknown"'),
    },
  ),
  fault(
    "caa-other-account",
    "accounturi of another ACME account",
    "RFC 8657 §3",
    ["caa"],
    { caa: "fail" },
    {
      zone: caa('0 issue "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/999"'),
      input: (i) => ({ ...i, acmeAccountUri: ACCOUNT }),
    },
  ),
  fault(
    "caa-validation-method",
    "validationmethods=http-01 while the setup uses DNS-01",
    "RFC 8657 §4",
    ["caa"],
    { caa: "fail" },
    {
      zone: caa('0 issue "letsencrypt.org; validationmethods=http-01"'),
    },
  ),
  fault("caa-nobody", 'issue ";" (no CA)', "RFC 8659 §4.2", ["caa"], { caa: "fail" }, { zone: caa('0 issue ";"') }),
  valid("caa-iodef-only", "only an iodef property", "RFC 8659 §4.4 (no restriction)", {
    zone: (t, e) => caa(`0 iodef "mailto:security@${e.domain}"`)(t),
  }),
  valid("caa-issuewild-other", "issuewild for another CA beside issue", "RFC 8659 §4.3 (wildcards only)", {
    zone: caa('0 issue "letsencrypt.org"', '0 issuewild "otherca.test"'),
  }),
  valid("caa-unknown-noncritical", "an unknown tag without the critical flag", "RFC 8659 §4.1", {
    zone: caa('0 issue "letsencrypt.org"', '0 futuretag "x"'),
  }),
  valid("caa-case", "the CA's name in capitals", "RFC 8659 §4.2 (case-insensitive)", {
    zone: caa('0 issue "LetsEncrypt.org"'),
  }),
  valid("caa-account-match", "accounturi of this setup's account", "RFC 8657 §3", {
    zone: caa(`0 issue "letsencrypt.org; accounturi=${ACCOUNT}"`),
    input: (i) => ({ ...i, acmeAccountUri: ACCOUNT }),
  }),
];

const BLOCKLISTS: CorpusCase[] = [
  fault(
    "dnsbl-listed",
    "the IPv4 address is listed",
    "RFC 5782 §2.1",
    ["dnsbl"],
    { dnsbl: "fail" },
    {
      helpers: (e) => ({ "bl1.test": [`${e.reversed(e.ipv4!)} IN A 127.0.0.2`] }),
    },
  ),
  fault(
    "dnsbl-listed-v6",
    "the IPv6 address is listed",
    "RFC 5782 §2.4",
    ["dnsbl"],
    { dnsbl: "fail" },
    {
      helpers: (e) => ({ "bl1.test": [`${e.reversed(e.ipv6!)} IN A 127.0.0.2`] }),
    },
  ),
  fault(
    "dnsbl-public-resolver",
    "the list answers 127.255.255.254 (query through a public resolver)",
    "Spamhaus return codes",
    ["dnsbl"],
    { dnsbl: "error" },
    {
      config: (c) => ({ ...c, dnsbl: ["public-resolver-bl.test"] }),
    },
  ),
  fault(
    "dnsbl-dead-list",
    "a list that answers nothing, not even its test entry",
    "RFC 5782 §5 (127.0.0.2 is listed)",
    ["dnsbl"],
    { dnsbl: "error" },
    {
      config: (c) => ({ ...c, dnsbl: ["empty-bl.test"] }),
    },
  ),
  fault(
    "dnsbl-lists-everything",
    "a list that lists every address",
    "RFC 5782 §5 (127.0.0.1 is not listed)",
    ["dnsbl"],
    { dnsbl: "error" },
    {
      config: (c) => ({ ...c, dnsbl: ["everything-bl.test"] }),
    },
  ),
  fault(
    "dynamic-ip-pbl",
    "the address is in an end-user range (127.0.0.11)",
    "Spamhaus PBL",
    ["dynamic-ip"],
    { "dynamic-ip": "fail" },
    {
      helpers: (e) => ({ "bl1.test": [`${e.reversed(e.ipv4!)} IN A 127.0.0.11`] }),
    },
  ),
];

const PORT25: CorpusCase[] = [
  fault(
    "port25-refused",
    "the probe hosts refuse port 25",
    "ISP blocking (TCP reset)",
    ["port25-outbound"],
    { "port25-outbound": "fail" },
    {
      config: (c) => ({ ...c, port25Probes: [{ host: "closed.probe.test", port: 25 }] }),
    },
  ),
  fault(
    "port25-dropped",
    "port 25 packets vanish",
    "ISP blocking (dropped)",
    ["port25-outbound"],
    { "port25-outbound": "fail" },
    {
      config: (c) => ({ ...c, port25Probes: [{ host: "dropped.probe.test", port: 25 }] }),
    },
  ),
  fault(
    "port25-unresolvable",
    "the probe hosts do not resolve",
    "not a port-25 block",
    ["port25-outbound"],
    { "port25-outbound": "error" },
    {
      config: (c) => ({ ...c, port25Probes: [{ host: "nx.probe.test", port: 25 }] }),
    },
  ),
  fault(
    "port25-no-route",
    "no route to the probe hosts",
    "EHOSTUNREACH is not a block",
    ["port25-outbound"],
    { "port25-outbound": "error" },
    {
      config: (c) => ({ ...c, port25Probes: [{ host: "unreachable.probe.test", port: 25 }] }),
    },
  ),
];

const SMTP: CorpusCase[] = [
  fault(
    "smtp-refused",
    "every port of the mail host refuses",
    "RFC 5321 §3.1 (no mail can arrive)",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "refused",
    },
  ),
  fault(
    "smtp-unreachable",
    "the mail host is unreachable",
    "RFC 5321 §4.5.4.1",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "unreachable",
    },
  ),
  fault(
    "smtp-timeout",
    "connections to the mail host time out",
    "RFC 5321 §4.5.3.2",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "timeout",
    },
  ),
  fault(
    "smtp-auth-before-tls",
    "AUTH offered before STARTTLS",
    "RFC 3207 §6, RFC 4954 §4",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "authBeforeTls",
    },
  ),
  fault(
    "smtp-no-starttls",
    "no STARTTLS",
    "RFC 3207; RFC 8461 needs TLS",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "noStartTls",
    },
  ),
  fault(
    "smtp-wrong-cert",
    "certificate for another name",
    "RFC 8461 §4.2, RFC 6125",
    ["smtp-tls"],
    { "smtp-tls": "fail" },
    {
      mail: "wrongCert",
    },
  ),
  valid(
    "smtp-not-installed",
    "the user said the server is not installed yet (nothing listens)",
    "skipped visibly, by the user's word",
    { mail: "refused", input: (i) => ({ ...i, serverInstalled: false }) },
    { "smtp-tls": "skip" },
  ),
];

const resolverAt =
  (role: "silent" | "nxResolver" | "refusingResolver") =>
  (c: import("@/lib/checks/config").CheckConfig, e: import("./world").CaseEnv) => ({
    ...c,
    resolver: { host: e.at(role), port: c.resolver.port },
  });
const NETWORK: CorpusCase[] = [
  fault(
    "network-resolver-silent",
    "the resolver never answers",
    "no DNS: nothing can be checked",
    ["network"],
    { network: "error", ...all(needResolver, "skip") },
    { config: resolverAt("silent") },
  ),
  fault(
    "network-resolver-nxdomain",
    "the resolver says every name does not exist",
    "a broken or hijacking resolver",
    ["network"],
    { network: "error", ...all(needResolver, "skip") },
    { config: resolverAt("nxResolver") },
  ),
  fault(
    "network-resolver-refuses",
    "the resolver refuses to recurse for this machine",
    "RFC 1035 §4.1.1 (REFUSED)",
    ["network"],
    { network: "error", ...all(needResolver, "skip") },
    { config: resolverAt("refusingResolver") },
  ),
  fault(
    "network-offline",
    "no route to the Internet",
    "EHOSTUNREACH everywhere",
    ["network"],
    {
      network: "error",
      ...all(needResolver, "skip"),
      "public-ip": "skip",
      cgnat: "skip",
      "smtp-tls": "skip",
    },
    {
      config: (c) => ({
        ...c,
        resolver: { host: unreachableAddress, port: 53 },
        echo: c.echo.map((s) => ({ ...s, server: { host: unreachableAddress, port: 53 } })),
      }),
    },
  ),
  fault(
    "network-echo-silent",
    "the public-address echo service does not answer",
    "the box's own address cannot be seen",
    ["network"],
    { network: "error", "public-ip": "skip", cgnat: "skip" },
    {
      config: (c, e) => ({
        ...c,
        echo: c.echo.map((s) => ({ ...s, server: { host: e.at("silent"), port: c.resolver.port } })),
      }),
    },
  ),
];

const OTHER: CorpusCase[] = [
  fault(
    "srv-wrong-port",
    "submission SRV on port 25",
    "RFC 6186 §3.1",
    ["srv"],
    { srv: "fail" },
    {
      zone: (t, e) => replace(LINE.submission, `_submission._tcp 300 IN SRV 0 1 25 ${e.hostname}.`)(t),
    },
  ),
  fault(
    "srv-missing",
    "no service records",
    "RFC 6186 (clients cannot find the server)",
    ["srv"],
    { srv: "warn" },
    {
      zone: (t) => t.replace(LINE.srv, ""),
    },
  ),
  fault(
    "tlsa-unsigned",
    "a TLSA record in an unsigned zone",
    "RFC 7672 §2.2 (ignored without DNSSEC)",
    ["tlsa"],
    { tlsa: "fail" },
    {
      zone: add("_25._tcp.mail 300 IN TLSA 3 1 1 0000000000000000000000000000000000000000000000000000000000000000"),
    },
  ),
  fault(
    "public-ip-mismatch",
    "this machine's public address is not the setup's",
    "the records name the wrong host",
    ["public-ip"],
    { "public-ip": "fail" },
    {
      config: (c, e) => ({
        ...c,
        echo: c.echo.map((s) => ({ ...s, name: `moved-${e.domain.split(".")[0]}.echo.test` })),
      }),
      helpers: (e) => ({
        "echo.test": [
          `moved-${e.domain.split(".")[0]} IN A 198.51.100.250`,
          `moved-${e.domain.split(".")[0]} IN AAAA ${e.ipv6}`,
        ],
      }),
    },
  ),
  fault(
    "cgnat-seen",
    "the address seen from outside is carrier-grade NAT",
    "RFC 6598 (100.64.0.0/10)",
    ["cgnat"],
    { cgnat: "fail", "public-ip": "fail" },
    {
      config: (c, e) => ({
        ...c,
        echo: c.echo.map((s) => ({ ...s, name: `cgn-${e.domain.split(".")[0]}.echo.test` })),
      }),
      helpers: (e) => ({
        "echo.test": [
          `cgn-${e.domain.split(".")[0]} IN A 100.64.12.34`,
          `cgn-${e.domain.split(".")[0]} IN AAAA ${e.ipv6}`,
        ],
      }),
    },
  ),
];

const idn = domainToASCII("élodie-mail.test").replace(/\.test$/, "");
const SHAPES: CorpusCase[] = [
  valid(
    "ipv6-only",
    "an IPv6-only server",
    "RFC 3596; receivers accept IPv6 with PTR",
    { setup: { ipv4: "" } },
    {
      a: "skip",
      cgnat: "skip",
    },
  ),
  valid("ipv4-only", "an IPv4-only server", "RFC 1035", { setup: { ipv6: "" } }, { aaaa: "skip" }),
  valid("wildcard-records", "wildcard TXT and MX for names that do not exist", "RFC 4592 (existing names unaffected)", {
    zone: add(txt("*", "v=spf1 -all"), "* 300 IN MX 0 ."),
  }),
  valid(idn, "an internationalized domain (Punycode)", "RFC 5891", {}),
];

export const corpus: CorpusCase[] = [
  ...SPF_FAULTS,
  ...SPF_VALID,
  ...DKIM_FAULTS,
  ...DKIM_VALID,
  ...DMARC_FAULTS,
  ...DMARC_VALID,
  ...MX_FAULTS,
  ...MX_VALID,
  ...ADDRESS_FAULTS,
  ...PTR_FAULTS,
  ...PTR_VALID,
  ...NS_FAULTS,
  ...MTA_STS_FAULTS,
  ...MTA_STS_VALID,
  ...TLS_RPT,
  ...CAA_CASES,
  ...BLOCKLISTS,
  ...PORT25,
  ...SMTP,
  ...NETWORK,
  ...OTHER,
  ...SHAPES,
];
