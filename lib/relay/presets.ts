/**
 * Relay providers a home server can submit through. Each value was looked up
 * in the provider's documentation (or, for the ISPs, Thunderbird's ISPDB entry,
 * which links the ISP's own help page); the URL is beside it. What could not be
 * confirmed is left out rather than guessed: no SPF include, no DKIM template.
 * Pure data, no I/O.
 */

/** How the relay expects TLS: STARTTLS on a plain port, or TLS from the first byte (465). */
export type RelayTls = "starttls" | "implicit";

/** What the relay's user name looks like (i18n key under relay.username). */
export type RelayUsernameForm =
  | "smtpLogin"
  | "apiKey"
  | "smtpUser"
  | "domainLogin"
  | "sesCredentials"
  | "serverToken"
  | "emailAddress"
  | "emailLocalPart";

/**
 * A DNS record the provider asks for so that it can sign as the user's domain.
 * `name` is relative to the domain ("fm1._domainkey"); `{…}` are filled from
 * the domain or from what the user copies out of the provider's dashboard.
 */
export interface DkimTemplate {
  type: "CNAME" | "TXT";
  /** Label(s) under _domainkey; "{selector}" when the dashboard gives it. */
  name: string;
  /** Template of the value; "{value}" when the dashboard gives all of it. */
  value: string;
}

export interface RelayPreset {
  id: string;
  name: string;
  host: string;
  /** "{region}" in host is replaced by one of these (Amazon SES). */
  regions?: readonly string[];
  port: number;
  tls: RelayTls;
  username: RelayUsernameForm;
  /** The provider's SPF include for the domain's own record, when the envelope sender stays the user's domain. */
  spfInclude?: string;
  /** Whose domain the relay puts in MAIL FROM (what SPF checks): decides whether SPF can align for DMARC. */
  envelope: "yours" | "provider";
  /** The provider's own DKIM records for the user's domain, when confirmed. */
  dkim?: DkimTemplate[];
  /** Where each value above comes from. */
  sources: string[];
}

/** Amazon SES SMTP regions, as listed in AWS's own SMTP-credentials example (GovCloud left out). */
export const sesRegions = [
  "us-east-2",
  "us-east-1",
  "us-west-2",
  "ap-south-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-south-1",
  "eu-north-1",
  "sa-east-1",
] as const;

export const relayPresets: readonly RelayPreset[] = [
  {
    // https://developers.brevo.com/docs/smtp-integration (host, 587/2525 STARTTLS, 465 TLS; login + SMTP key)
    // https://developers.brevo.com/docs/domain-authentication-and-verification (DKIM: TXT at mail._domainkey)
    // SPF include: Brevo's domain page shows include:spf.brevo.com; its Return-Path is Brevo's own domain.
    id: "brevo",
    name: "Brevo",
    host: "smtp-relay.brevo.com",
    port: 587,
    tls: "starttls",
    username: "smtpLogin",
    spfInclude: "spf.brevo.com",
    envelope: "provider",
    dkim: [{ type: "TXT", name: "mail._domainkey", value: "{value}" }],
    sources: [
      "https://developers.brevo.com/docs/smtp-integration",
      "https://developers.brevo.com/docs/domain-authentication-and-verification",
    ],
  },
  {
    // https://documentation.mailjet.com/hc/en-us/articles/360049641733 (SPF include:spf.mailjet.com, DKIM TXT key)
    // in-v3.mailjet.com:587, user = API key, password = secret key (Mailjet's Ruby gem, Google Cloud's Mailjet guide)
    id: "mailjet",
    name: "Mailjet",
    host: "in-v3.mailjet.com",
    port: 587,
    tls: "starttls",
    username: "apiKey",
    spfInclude: "spf.mailjet.com",
    envelope: "provider",
    dkim: [{ type: "TXT", name: "{selector}._domainkey", value: "{value}" }],
    sources: [
      "https://documentation.mailjet.com/hc/en-us/articles/360049641733",
      "https://cloud.google.com/compute/docs/tutorials/sending-mail/using-mailjet",
    ],
  },
  {
    // https://developers.smtp2go.com/docs/smtp-relay (mail.smtp2go.com, 587 STARTTLS, SMTP Users)
    // https://support.smtp2go.com/hc/en-gb/articles/28543815517209 (three CNAMEs; SPF needs no include: the return path is theirs, on your subdomain)
    id: "smtp2go",
    name: "SMTP2GO",
    host: "mail.smtp2go.com",
    port: 587,
    tls: "starttls",
    username: "smtpUser",
    envelope: "provider",
    dkim: [
      { type: "CNAME", name: "{name}", value: "{value}" },
      { type: "CNAME", name: "{name}", value: "{value}" },
      { type: "CNAME", name: "{name}", value: "{value}" },
    ],
    sources: [
      "https://developers.smtp2go.com/docs/smtp-relay",
      "https://support.smtp2go.com/hc/en-gb/articles/28543815517209-SPF-DKIM-and-DMARC",
    ],
  },
  {
    // https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp (ports 25/587/2525 STARTTLS, 465 TLS; per-domain credentials)
    // SPF include:mailgun.org (Mailgun's blog on SPF records); DKIM: a TXT key at the selector the dashboard gives.
    id: "mailgun-us",
    name: "Mailgun (US)",
    host: "smtp.mailgun.org",
    port: 587,
    tls: "starttls",
    username: "domainLogin",
    spfInclude: "mailgun.org",
    envelope: "provider",
    dkim: [{ type: "TXT", name: "{selector}._domainkey", value: "{value}" }],
    sources: [
      "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp",
      "https://www.mailgun.com/blog/white-labeling-dns-records-your-customers-tips-tricks/",
    ],
  },
  {
    // EU accounts use smtp.eu.mailgun.org; mailgun.org's SPF includes _spf.eu.mailgun.org, so the include is the same.
    id: "mailgun-eu",
    name: "Mailgun (EU)",
    host: "smtp.eu.mailgun.org",
    port: 587,
    tls: "starttls",
    username: "domainLogin",
    spfInclude: "mailgun.org",
    envelope: "provider",
    dkim: [{ type: "TXT", name: "{selector}._domainkey", value: "{value}" }],
    sources: [
      "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp",
      "https://spreecommerce.org/docs/integrations/email/mailgun",
    ],
  },
  {
    // https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html (STARTTLS on 25, 587, 2587)
    // https://docs.aws.amazon.com/ses/latest/APIReference/API_VerifyDomainDkim.html (three CNAMEs token._domainkey → token.dkim.amazonses.com)
    // https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html (default MAIL FROM is amazonses.com: no include at the apex)
    id: "amazon-ses",
    name: "Amazon SES",
    host: "email-smtp.{region}.amazonaws.com",
    regions: sesRegions,
    port: 587,
    tls: "starttls",
    username: "sesCredentials",
    envelope: "provider",
    dkim: [
      { type: "CNAME", name: "{selector}._domainkey", value: "{selector}.dkim.amazonses.com" },
      { type: "CNAME", name: "{selector}._domainkey", value: "{selector}.dkim.amazonses.com" },
      { type: "CNAME", name: "{selector}._domainkey", value: "{selector}.dkim.amazonses.com" },
    ],
    sources: [
      "https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html",
      "https://docs.aws.amazon.com/ses/latest/APIReference/API_VerifyDomainDkim.html",
      "https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html",
    ],
  },
  {
    // https://postmarkapp.com/support/article/811-what-are-the-smtp-details-api-tokens-i-should-be-using
    // (smtp.postmarkapp.com, 25/2525/587 STARTTLS, Server API Token as user and password). SPF and DKIM records not confirmed: left out.
    id: "postmark",
    name: "Postmark",
    host: "smtp.postmarkapp.com",
    port: 587,
    tls: "starttls",
    username: "serverToken",
    envelope: "provider",
    sources: ["https://postmarkapp.com/support/article/811-what-are-the-smtp-details-api-tokens-i-should-be-using"],
  },
  {
    // Thunderbird ISPDB messagingengine.com (smtp.fastmail.com:465 SSL, full address) → fastmail.com/help/technical/servernamesandports.html
    // https://www.fastmail.help/hc/en-us/articles/360060591153 (DKIM: CNAME fm1/fm2/fm3._domainkey → fmN.DOMAIN.dkim.fmhosted.com; SPF include:spf.messagingengine.com)
    id: "fastmail",
    name: "Fastmail",
    host: "smtp.fastmail.com",
    port: 465,
    tls: "implicit",
    username: "emailAddress",
    spfInclude: "spf.messagingengine.com",
    envelope: "yours",
    dkim: [
      { type: "CNAME", name: "fm1._domainkey", value: "fm1.{domain}.dkim.fmhosted.com" },
      { type: "CNAME", name: "fm2._domainkey", value: "fm2.{domain}.dkim.fmhosted.com" },
      { type: "CNAME", name: "fm3._domainkey", value: "fm3.{domain}.dkim.fmhosted.com" },
    ],
    sources: [
      "https://www.fastmail.com/help/technical/servernamesandports.html",
      "https://www.fastmail.help/hc/en-us/articles/360060591153",
    ],
  },
  {
    // smtp.gmail.com 587 STARTTLS, full address + app password (https://developer.nylas.com/docs/cookbook/email/gmail-smtp-settings/)
    // https://support.google.com/a/answer/10684623 (SPF include:_spf.google.com); https://support.google.com/a/answer/174126 (DKIM TXT at google._domainkey)
    id: "google",
    name: "Gmail / Google Workspace",
    host: "smtp.gmail.com",
    port: 587,
    tls: "starttls",
    username: "emailAddress",
    spfInclude: "_spf.google.com",
    envelope: "yours",
    dkim: [{ type: "TXT", name: "google._domainkey", value: "{value}" }],
    sources: [
      "https://developer.nylas.com/docs/cookbook/email/gmail-smtp-settings/",
      "https://support.google.com/a/answer/10684623",
      "https://support.google.com/a/answer/174126",
    ],
  },
  {
    // smtp.office365.com 587 STARTTLS with the mailbox's address (SMTP AUTH client submission)
    // SPF include:spf.protection.outlook.com; DKIM: CNAME selector1/2._domainkey → selectorN-DOMAIN-WITH-DASHES._domainkey.TENANT.onmicrosoft.com
    id: "microsoft365",
    name: "Microsoft 365",
    host: "smtp.office365.com",
    port: 587,
    tls: "starttls",
    username: "emailAddress",
    spfInclude: "spf.protection.outlook.com",
    envelope: "yours",
    dkim: [
      {
        type: "CNAME",
        name: "selector1._domainkey",
        value: "selector1-{domainDashes}._domainkey.{tenant}.onmicrosoft.com",
      },
      {
        type: "CNAME",
        name: "selector2._domainkey",
        value: "selector2-{domainDashes}._domainkey.{tenant}.onmicrosoft.com",
      },
    ],
    sources: [
      "https://gist.github.com/aev-mambro2/0275e369818e89fc7d91e96a8d6129a4",
      "https://gist.github.com/arjancornelissen/811af8d12b76373dec0b4a7362a5723e",
      "https://github.com/StackExchange/dnscontrol/blob/main/documentation/functions/record/M365_BUILDER.md",
    ],
  },
  {
    // Thunderbird ISPDB orange.fr (smtp.orange.fr:465 SSL, full address) → assistance.orange.fr
    id: "orange",
    name: "Orange",
    host: "smtp.orange.fr",
    port: 465,
    tls: "implicit",
    username: "emailAddress",
    envelope: "yours",
    sources: ["https://github.com/thunderbird/autoconfig/blob/master/ispdb/orange.fr.xml"],
  },
  {
    // Thunderbird ISPDB free.fr (smtp.free.fr:465 SSL, login = part before @) → assistance.free.fr/articles/609
    id: "free",
    name: "Free",
    host: "smtp.free.fr",
    port: 465,
    tls: "implicit",
    username: "emailLocalPart",
    envelope: "yours",
    sources: [
      "https://github.com/thunderbird/autoconfig/blob/master/ispdb/free.fr.xml",
      "https://assistance.free.fr/articles/configurer-de-maniere-avancee-mon-logiciel-de-messagerie-609",
    ],
  },
  {
    // Thunderbird ISPDB sfr.fr (smtp.sfr.fr:465 SSL, full address) → assistance.sfr.fr
    id: "sfr",
    name: "SFR",
    host: "smtp.sfr.fr",
    port: 465,
    tls: "implicit",
    username: "emailAddress",
    envelope: "yours",
    sources: ["https://github.com/thunderbird/autoconfig/blob/master/sfr.fr"],
  },
];

export const relayPresetIds = relayPresets.map((p) => p.id);

export function findRelayPreset(id: string): RelayPreset | undefined {
  return relayPresets.find((p) => p.id === id);
}

/** The preset's submission host for a region (SES), or its fixed host. */
export function presetHost(preset: RelayPreset, region?: string): string | null {
  if (!preset.regions) return preset.host;
  if (!region || !preset.regions.includes(region)) return null;
  return preset.host.replace("{region}", region);
}
