import { chunkTxt, quoteTxt } from "@/lib/dns/txt-chunks";

/** Small edits of the zone the plan makes, as a user makes them at a DNS host. */

export const LINE = {
  spf: /^@ \d+ IN TXT "v=spf1[^\n]*$/m,
  heloSpf: /^mail \d+ IN TXT [^\n]*$/m,
  dkimRsa: /^pw1\._domainkey [^\n]*$/m,
  dkimEd: /^pw1e\._domainkey [^\n]*$/m,
  dmarc: /^_dmarc [^\n]*$/m,
  mtaSts: /^_mta-sts [^\n]*$/m,
  tlsRpt: /^_smtp\._tls [^\n]*$/m,
  mx: /^@ \d+ IN MX [^\n]*$/m,
  a: /^mail \d+ IN A [^\n]*$/m,
  aaaa: /^mail \d+ IN AAAA [^\n]*$/m,
  caa: /^@ \d+ IN CAA [^\n]*$/m,
  submission: /^_submission\._tcp [^\n]*$/m,
  srv: /^_[a-z0-9]+\._tcp \d+ IN SRV [^\n]*$/gm,
} as const;

/** A TXT record line with its value split into ≤255-byte strings (as registrars do for long values). */
export function txt(name: string, value: string): string {
  return `${name} 300 IN TXT ${chunkTxt(value).map(quoteTxt).join(" ")}`;
}

/** A TXT record line from explicit character-strings (to plant a split exactly where a user would). */
export function txtStrings(name: string, ...strings: string[]): string {
  return `${name} 300 IN TXT ${strings.map(quoteTxt).join(" ")}`;
}

export const replace = (re: RegExp, line: string) => (t: string) => {
  if (!re.test(t)) throw new Error(`no line matches ${re}`);
  re.lastIndex = 0;
  return t.replace(re, line);
};
export const drop = (re: RegExp) => (t: string) => {
  if (!re.test(t)) throw new Error(`no line matches ${re}`);
  re.lastIndex = 0;
  return t.replace(re, "");
};
export const add =
  (...lines: string[]) =>
  (t: string) =>
    t + lines.join("\n") + "\n";

/** Applies edits in order. */
export const edits =
  (...fs: ((t: string) => string)[]) =>
  (t: string) =>
    fs.reduce((acc, f) => f(acc), t);
