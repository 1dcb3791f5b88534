import { ipVersion } from "@/lib/net/host-port";

/**
 * RFC 7208 §12's grammar for one SPF record, checked as a whole: a receiver
 * parses every term before it evaluates any (§4.6: a syntax error anywhere
 * is a permerror, even after the term that would have matched). Hand-written:
 * SPF evaluators (mailauth's included) check a term only when they reach it.
 */

const QNUM = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IP4 = new RegExp(`^${QNUM}\\.${QNUM}\\.${QNUM}\\.${QNUM}$`);
const MACRO_EXPAND = "(?:%\\{[slodiphcrtv]\\d*r?[.\\-+,/_=]*\\}|%%|%_|%-)";
const MACRO_EXPAND_NO_EXP = "(?:%\\{[slodiphv]\\d*r?[.\\-+,/_=]*\\}|%%|%_|%-)";
const MACRO_LITERAL = "[\\x21-\\x24\\x26-\\x7e]";
const TOPLABEL = "(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])";
const MACRO_STRING = `(?:${MACRO_EXPAND_NO_EXP}|${MACRO_LITERAL})*`;
const DOMAIN_SPEC = new RegExp(`^${MACRO_STRING}(?:\\.${TOPLABEL}\\.?|${MACRO_EXPAND_NO_EXP})$`);
const ANY_MACRO_STRING = new RegExp(`^(?:${MACRO_EXPAND}|${MACRO_LITERAL})*$`);
const NAME = /^[A-Za-z][A-Za-z0-9\-_.]*$/;
const CIDR4 = "(?:0|[1-9]\\d?)";
const CIDR6 = "(?:0|[1-9]\\d{0,2})";

/** Whether a TXT string is an SPF record (RFC 7208 §4.5: exactly "v=spf1", then a space or the end). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

function cidrOk(value: string | undefined, max: number): boolean {
  return value === undefined || Number(value) <= max;
}

/** The first syntax error of an SPF record, in words, or null when the whole record parses. */
export function spfSyntaxError(record: string): string | null {
  if (!isSpfRecord(record)) return "does not start with v=spf1";
  if (/[^\x20-\x7e]/.test(record)) return "contains characters other than printable ASCII";
  const terms = record.slice("v=spf1".length).split(" ").filter(Boolean);
  const seen = new Set<string>();
  for (const term of terms) {
    const modifier = /^([A-Za-z][A-Za-z0-9\-_.]*)=(.*)$/.exec(term);
    if (modifier) {
      const name = modifier[1].toLowerCase();
      const value = modifier[2];
      if (!NAME.test(modifier[1])) return `bad modifier name in ${term}`;
      if (name === "redirect" || name === "exp") {
        if (seen.has(name)) return `${name}= appears more than once`;
        seen.add(name);
        if (!DOMAIN_SPEC.test(value)) return `${term}: not a domain`;
      } else if (!ANY_MACRO_STRING.test(value)) return `${term}: bad macro`;
      continue;
    }
    const m = /^([+\-?~]?)([A-Za-z0-9]+)(?::([^/]*))?((?:\/[^/]*)?(?:\/\/[^/]*)?)$/.exec(term);
    if (!m) return `cannot parse ${term}`;
    const mech = m[2].toLowerCase();
    const arg = m[3];
    const cidr = m[4] ?? "";
    const hasArg = term.includes(":");
    const single = /^\/(\d+)$/.exec(cidr);
    const dual = new RegExp(`^(?:/(${CIDR4}))?(?://(${CIDR6}))?$`).exec(cidr);
    switch (mech) {
      case "all":
        if (hasArg || cidr) return `${term}: all takes no value`;
        break;
      case "include":
      case "exists":
        if (!hasArg || !arg || !DOMAIN_SPEC.test(arg) || cidr) return `${term}: needs a domain`;
        break;
      case "a":
      case "mx":
        if (hasArg && (!arg || !DOMAIN_SPEC.test(arg))) return `${term}: not a domain`;
        if (!dual || !cidrOk(dual[1], 32) || !cidrOk(dual[2], 128)) return `${term}: bad prefix length`;
        break;
      case "ptr":
        if (hasArg && (!arg || !DOMAIN_SPEC.test(arg))) return `${term}: not a domain`;
        if (cidr) return `${term}: ptr takes no prefix length`;
        break;
      case "ip4":
        if (!arg || !IP4.test(arg)) return `${term}: not an IPv4 address`;
        if (cidr && !(single && new RegExp(`^${CIDR4}$`).test(single[1]) && Number(single[1]) <= 32))
          return `${term}: bad prefix length`;
        break;
      case "ip6": {
        if (!arg || ipVersion(arg) !== 6) return `${term}: not an IPv6 address`;
        if (cidr && !(single && new RegExp(`^${CIDR6}$`).test(single[1]) && Number(single[1]) <= 128))
          return `${term}: bad prefix length`;
        break;
      }
      default:
        return `unknown mechanism ${term}`;
    }
  }
  return null;
}

/** The directives of a record with their qualifier and lower-case name (modifiers left out). */
export function spfDirectives(record: string): { qualifier: string; name: string; value?: string }[] {
  return record
    .slice("v=spf1".length)
    .split(" ")
    .filter((t) => t && !/^[A-Za-z][A-Za-z0-9\-_.]*=/.test(t))
    .map((t) => {
      const m = /^([+\-?~]?)([A-Za-z0-9]+)(?::(.*))?/.exec(t)!;
      return { qualifier: m[1] || "+", name: m[2].toLowerCase(), value: m[3] };
    });
}

/** The value of a modifier (redirect, exp), if the record has it. */
export function spfModifier(record: string, name: string): string | undefined {
  for (const t of record.split(" ")) {
    const m = /^([A-Za-z][A-Za-z0-9\-_.]*)=(.*)$/.exec(t);
    if (m && m[1].toLowerCase() === name) return m[2];
  }
  return undefined;
}
