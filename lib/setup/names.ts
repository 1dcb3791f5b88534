import { domainToASCII, domainToUnicode } from "node:url";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A DNS host name in its ASCII (punycode) form, or null when it is not one.
 * International names go through UTS #46 (node:url), so "Bücher.Example" gives
 * "xn--bcher-kva.example". A trailing dot is accepted and dropped.
 */
export function toAsciiHostname(input: string): string | null {
  const raw = input.trim().replace(/\.$/, "");
  // Invisible format characters (zero-width, bidi overrides) would be dropped silently by UTS #46: refuse them.
  if (!raw || raw.length > 253 || /[\s\u0000-\u001f\u007f\p{Cf}]/u.test(raw)) return null;
  const ascii = domainToASCII(raw).toLowerCase();
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  // A label "xn--…" must decode; domainToASCII lets some invalid ones through.
  if (labels.some((l) => l.startsWith("xn--")) && !domainToUnicode(ascii)) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return null; // no all-numeric TLD (an IP is not a host name)
  return ascii;
}

/** The Unicode form of an ASCII host name, for display. */
export function toUnicodeHostname(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}

/** True when `name` is `zone` or lies below it. */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9_+-])?$/;

/**
 * An e-mail address with an ASCII domain, or null. The local part is limited to
 * letters, digits and . _ + - (no quoting, no "..") so that it is safe in every
 * file it reaches (Postfix maps, Dovecot passwd-file, DMARC URIs).
 */
export function toAsciiEmail(input: string): string | null {
  const raw = input.trim();
  const at = raw.lastIndexOf("@");
  if (at < 1) return null;
  const local = raw.slice(0, at).toLowerCase();
  if (!LOCAL_PART.test(local) || local.includes("..")) return null;
  const domain = toAsciiHostname(raw.slice(at + 1));
  return domain ? `${local}@${domain}` : null;
}

export function emailDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/** An address with its domain in Unicode, for display and editing. */
export function toUnicodeEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? address : `${address.slice(0, at)}@${toUnicodeHostname(address.slice(at + 1))}`;
}

/**
 * What a person pasted into a host-name field, as the host name they meant:
 * "https://Example.com:443/path?q#x" and "example.com." give "example.com".
 * Anything else is left as typed, for the schema to judge.
 */
export function cleanPastedHostname(input: string): string {
  let s = input.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(s);
  if (url) s = url[1].replace(/^[^@]*@/, "");
  else s = s.replace(/^\/\//, "").replace(/[/?#].*$/, "");
  return s.replace(/:\d{1,5}$/, "").replace(/\.+$/, "");
}
