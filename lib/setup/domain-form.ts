import type { FormFields } from "@/lib/forms/form-data";
import { DEFAULT_DKIM_SELECTOR, DEFAULT_DMARC_POLICY, DEFAULT_MTA_STS_MODE } from "./options";
import type { SetupDocument } from "./schema";
import {
  cleanPastedHostname,
  emailDomain,
  isInZone,
  toAsciiEmail,
  toAsciiHostname,
  toUnicodeEmail,
  toUnicodeHostname,
} from "./names";

/** What the Domain form posts, as formDataToObject gives it. */
export interface DomainFormInput {
  domain?: string;
  hostname?: string;
  ipv4?: string;
  ipv6?: string;
  adminEmail?: string;
  mailboxes?: { address?: string; password?: string }[];
  aliases?: { from?: string; to?: string }[];
  dmarc?: { policy?: string; reportEmail?: string };
  mtaSts?: { mode?: string };
  dkim?: { selector?: string; ed25519?: string };
  /** Where role mail goes; empty: the first mailbox */
  roleMailbox?: string;
  /** Checkboxes: "on" when ticked */
  pop3s?: string;
  inbound?: { greylisting?: string };
}

/** Every field the Domain form has (one row past the schema's limits, so it can say "too many"). */
export const DOMAIN_FORM_FIELDS: FormFields = {
  names: [
    "version",
    "domain",
    "hostname",
    "ipv4",
    "ipv6",
    "adminEmail",
    "dmarc.policy",
    "dmarc.reportEmail",
    "mtaSts.mode",
    "dkim.selector",
    "dkim.ed25519",
    "roleMailbox",
    "pop3s",
    "inbound.greylisting",
  ],
  rows: {
    mailboxes: { fields: ["address", "password"], max: 501 },
    aliases: { fields: ["from", "to"], max: 1001 },
  },
};

/**
 * The Domain step's fields merged into the stored document (the other steps'
 * fields are kept), as input for saveSetup; plus the form-only rule that a new
 * mailbox needs a password.
 */
export function domainFormToInput(typed: DomainFormInput, withPassword: ReadonlySet<string>) {
  const form = cleanDomainForm(typed);
  const mailboxes = (form.mailboxes ?? []).map((m) => ({ address: m.address ?? "", password: m.password ?? "" }));
  const errors: Record<string, string[]> = {};
  mailboxes.forEach((m, i) => {
    const ascii = toAsciiEmail(m.address);
    if (!m.password && !(ascii && withPassword.has(ascii))) errors[`mailboxes.${i}.password`] = ["passwordRequired"];
  });
  // postmaster@ and abuse@ must deliver somewhere: a mailbox, or an admin address outside the domain.
  const domain = toAsciiHostname(form.domain ?? "");
  const admin = toAsciiEmail(form.adminEmail ?? "");
  if (domain && admin && mailboxes.length === 0 && !form.roleMailbox?.trim() && isInZone(emailDomain(admin), domain))
    errors["mailboxes"] = ["mailboxNeeded"];
  const input = {
    domain: form.domain ?? "",
    hostname: form.hostname ?? "",
    ipv4: form.ipv4 ?? "",
    ipv6: form.ipv6 ?? "",
    adminEmail: form.adminEmail ?? "",
    mailboxes,
    aliases: (form.aliases ?? []).map((a) => ({ from: a.from ?? "", to: a.to ?? "" })),
    dmarc: { policy: form.dmarc?.policy || DEFAULT_DMARC_POLICY, reportEmail: form.dmarc?.reportEmail ?? "" },
    mtaSts: { mode: form.mtaSts?.mode || DEFAULT_MTA_STS_MODE },
    dkim: {
      selector: form.dkim?.selector || DEFAULT_DKIM_SELECTOR,
      algorithms: form.dkim?.ed25519 ? ["rsa-2048", "ed25519"] : ["rsa-2048"],
    },
    roleMailbox: form.roleMailbox ?? "",
    pop3s: Boolean(form.pop3s),
    inbound: { greylisting: Boolean(form.inbound?.greylisting) },
  };
  return { input, errors };
}

/** The document as the form's initial strings (names in their Unicode form: people read those). */
export function documentToFormValues(doc: SetupDocument): DomainFormInput {
  return {
    domain: toUnicodeHostname(doc.domain),
    hostname: toUnicodeHostname(doc.hostname),
    ipv4: doc.ipv4 ?? "",
    ipv6: doc.ipv6 ?? "",
    adminEmail: toUnicodeEmail(doc.adminEmail),
    mailboxes: doc.mailboxes.map((m) => ({ address: toUnicodeEmail(m.address), password: "" })),
    aliases: doc.aliases.map((a) => ({ from: toUnicodeEmail(a.from), to: toUnicodeEmail(a.to) })),
    dmarc: { policy: doc.dmarc.policy, reportEmail: toUnicodeEmail(doc.dmarc.reportEmail) },
    mtaSts: { mode: doc.mtaSts.mode },
    dkim: {
      selector: doc.dkim.selector,
      ed25519: (doc.dkim.algorithms as readonly string[]).includes("ed25519") ? "on" : "",
    },
    roleMailbox: doc.roleMailbox ? toUnicodeEmail(doc.roleMailbox) : "",
    pop3s: doc.pop3s ? "on" : "",
    inbound: { greylisting: doc.inbound.greylisting ? "on" : "" },
  };
}

/** The host names as meant when a URL was pasted ("https://example.com/" is example.com). */
export function cleanDomainForm(form: DomainFormInput): DomainFormInput {
  return {
    ...form,
    domain: form.domain === undefined ? undefined : cleanPastedHostname(form.domain),
    hostname: form.hostname === undefined ? undefined : cleanPastedHostname(form.hostname),
  };
}

/** The typed values to show again after a refusal (host names cleaned), passwords left out: the browser keeps those. */
export function echoValues(form: DomainFormInput): DomainFormInput {
  const clean = cleanDomainForm(form);
  return { ...clean, mailboxes: clean.mailboxes?.map((m) => ({ address: m.address ?? "", password: "" })) };
}
