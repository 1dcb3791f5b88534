import { configValue, hostValue, UnsafeConfigValueError } from "./config-value";
import { domainToUnicode } from "node:url";
import { roleMailboxOf } from "@/lib/setup/schema";
import { emailDomain } from "@/lib/setup/names";
import type { MailInputs } from "./mail-inputs";

/**
 * The setup's aliases, then the role addresses it publishes or uses, each to the
 * role mailbox unless the setup already routes it: postmaster@ (RFC 5321), abuse@
 * (RFC 2142), root@ (cron and system mail: myorigin is the domain), the DMARC and
 * TLS-RPT report address and the admin address when they are in the domain.
 */
export function effectiveAliases(inputs: MailInputs): { from: string; to: string }[] {
  const { doc } = inputs;
  const role = roleMailboxOf(doc);
  const taken = new Set([...doc.mailboxes.map((m) => m.address), ...doc.aliases.map((a) => a.from)]);
  const roles = [
    ...["postmaster", "abuse", "root"].map((local) => `${local}@${doc.domain}`),
    doc.dmarc.reportEmail,
    doc.adminEmail,
  ].filter((a, i, all) => emailDomain(a) === doc.domain && all.indexOf(a) === i);
  const wellKnown = role
    ? roles.filter((from) => !taken.has(from) && from !== role).map((from) => ({ from, to: role }))
    : [];
  return [...doc.aliases, ...wellKnown];
}

/**
 * The same addresses with the domain in its Unicode form (for an international
 * domain): SMTPUTF8 clients may write either, and Postfix compares them as
 * strings. Each is listed on its own, so an unknown user is still refused at RCPT.
 */
export function unicodeAliases(inputs: MailInputs): { from: string; to: string }[] {
  const { doc } = inputs;
  const unicode = unicodeDomain(doc.domain);
  if (!unicode) return [];
  const local = (a: string) => a.slice(0, a.lastIndexOf("@"));
  return [...doc.mailboxes.map((m) => m.address), ...effectiveAliases(inputs).map((a) => a.from)]
    .filter((a) => emailDomain(a) === doc.domain)
    .map((a) => ({ from: `${local(a)}@${unicode}`, to: a }));
}

/** The Unicode form of an IDN domain, or null when it has none (plain ASCII). */
export function unicodeDomain(ascii: string): string | null {
  if (!ascii.split(".").some((l) => l.startsWith("xn--"))) return null;
  const u = domainToUnicode(ascii);
  return u && u !== ascii ? configValue("domain (Unicode)", "idn", u) : null;
}

const line = (key: string, value: string) => `${key} ${value}`;

/** virtual_mailboxes: the addresses Postfix hands to Dovecot over LMTP. */
export function renderVirtualMailboxes(inputs: MailInputs): string {
  return (
    inputs.doc.mailboxes
      .map((m, i) => line(configValue(`mailboxes.${i}.address`, "email", m.address), "OK"))
      .join("\n") + "\n"
  );
}

export function renderVirtualAliases(inputs: MailInputs): string {
  const ascii = effectiveAliases(inputs).map((a, i) =>
    line(configValue(`aliases.${i}.from`, "email", a.from), configValue(`aliases.${i}.to`, "email", a.to)),
  );
  const unicode = unicodeAliases(inputs).map((a) => {
    const at = a.from.lastIndexOf("@");
    return line(`${a.from.slice(0, at)}@${configValue("domain (Unicode)", "idn", a.from.slice(at + 1))}`, a.to);
  });
  return [...ascii, ...unicode].join("\n") + "\n";
}

/** Which logins may send as which address: a mailbox as itself, and as each alias that delivers to it. */
export function senderOwners(inputs: MailInputs): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const m of inputs.doc.mailboxes) owners.set(m.address, [m.address]);
  for (const a of effectiveAliases(inputs)) {
    if (!inputs.doc.mailboxes.some((m) => m.address === a.to)) continue;
    owners.set(a.from, [...(owners.get(a.from) ?? []), a.to]);
  }
  return owners;
}

/** sender_logins: which login may use which envelope sender on submission. */
export function renderSenderLogins(inputs: MailInputs): string {
  return (
    [...senderOwners(inputs)]
      .map(([from, logins]) =>
        line(configValue("sender", "email", from), logins.map((l) => configValue("login", "email", l)).join(",")),
      )
      .join("\n") + "\n"
  );
}

/** sasl_passwd for the relay: the key is exactly relayhost's `[host]:port`. */
export function renderSaslPasswd(inputs: MailInputs): string | null {
  const { delivery } = inputs.doc;
  if (delivery.mode !== "relay") return null;
  if (inputs.relayPassword === undefined) return null;
  const key = `[${hostValue("delivery.host", delivery.host)}]:${configValue("delivery.port", "port", delivery.port)}`;
  const user = configValue("delivery.username", "secret", delivery.username);
  // A colon or a space would move the boundary of user:password.
  if (/[\s:]/.test(user))
    throw new UnsafeConfigValueError("delivery.username", "secret", "contains a colon or white space");
  const password = configValue("relayPassword", "secret", inputs.relayPassword);
  return `${key} ${user}:${password}\n`;
}

/**
 * tls_policy for the relay: its certificate must be valid for its name (CA
 * bundle), or match the pinned fingerprint. The name is written out (match=),
 * not taken from where the name resolves, so only the relay's identity counts.
 */
export function renderTlsPolicy(inputs: MailInputs): string | null {
  const { delivery } = inputs.doc;
  if (delivery.mode !== "relay") return null;
  const host = hostValue("delivery.host", delivery.host);
  const key = `[${host}]:${configValue("delivery.port", "port", delivery.port)}`;
  const policy = delivery.tlsFingerprint
    ? `fingerprint match=${configValue("delivery.tlsFingerprint", "fingerprint", delivery.tlsFingerprint)}`
    : `secure match=${configValue("delivery.host", "hostname", host)}`;
  return `${key} ${policy}\n`;
}
