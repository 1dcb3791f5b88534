import { configValue, hostValue } from "./config-value";
import { deploymentOf, tlsPaths, type MailInputs } from "./mail-inputs";
import { unicodeDomain } from "./postfix-maps";

export type PostfixParameter = readonly [name: string, value: string];

/**
 * The parameters of main.cf, in order. Tests compare this list with what
 * `postconf -n` reads back, so nothing an input holds can add, drop or split one.
 */
export function postfixMainParameters(inputs: MailInputs): PostfixParameter[] {
  const { doc } = inputs;
  const d = deploymentOf(inputs);
  const dir = configValue("postfixDir", "path", d.postfixDir);
  const domain = configValue("domain", "hostname", doc.domain);
  const hostname = configValue("hostname", "hostname", doc.hostname);
  const tls = tlsPaths(d);
  const ipv6 = Boolean(doc.ipv6);
  const milter = `inet:${configValue("rspamdAddress", "ipv4", d.rspamdAddress)}:${configValue("rspamdMilterPort", "port", d.rspamdMilterPort)}`;
  const relay = doc.delivery.mode === "relay" ? doc.delivery : null;
  const unicode = unicodeDomain(domain);

  const p: PostfixParameter[] = [
    ["compatibility_level", "3.6"],
    ["myhostname", hostname],
    ["mydomain", domain],
    ["myorigin", "$mydomain"],
    ["mydestination", "localhost"],
    ["inet_interfaces", "all"],
    ["inet_protocols", ipv6 ? "all" : "ipv4"],
    // Only local processes are trusted, and no smtpd restriction uses it: a
    // client on the same machine must authenticate like any other.
    ["mynetworks", ipv6 ? "127.0.0.0/8 [::1]/128" : "127.0.0.0/8"],
    ["smtpd_banner", "$myhostname ESMTP"],
    ["biff", "no"],
    ["append_dot_mydomain", "no"],
    ["readme_directory", "no"],
    ["alias_maps", "hash:/etc/aliases"],
    ["alias_database", "hash:/etc/aliases"],
    ["recipient_delimiter", "+"],
    ["message_size_limit", "52428800"],
    // Addresses in UTF-8 (RFC 6531); an international domain is known in both its forms.
    ["smtputf8_enable", "yes"],

    ["virtual_mailbox_domains", domain],
    ["virtual_mailbox_maps", `hash:${dir}/virtual_mailboxes`],
    ["virtual_alias_maps", `hash:${dir}/virtual_aliases`],
    // Dovecot's LDA through master.cf's "dovecot" pipe (SMTPUTF8-safe), one recipient at a time.
    ["virtual_transport", "dovecot"],
    ["dovecot_destination_recipient_limit", "1"],
    ...(unicode ? ([["virtual_alias_domains", unicode]] as const) : []),

    ["smtpd_tls_cert_file", configValue("tlsDir", "path", tls.fullchain)],
    ["smtpd_tls_key_file", configValue("tlsDir", "path", tls.privkey)],
    ["smtpd_tls_security_level", "may"],
    ["smtpd_tls_auth_only", "yes"],
    ["smtpd_tls_protocols", "!SSLv2, !SSLv3"],
    ["smtpd_tls_mandatory_protocols", ">=TLSv1.2"],
    ["smtpd_tls_received_header", "yes"],
    ["smtpd_tls_loglevel", "1"],
    ["smtpd_tls_session_cache_database", "btree:${data_directory}/smtpd_scache"],
    // A relay gets the password only over TLS whose certificate is checked (tls_policy: name or pinned fingerprint).
    ["smtp_tls_security_level", relay ? (relay.tlsFingerprint ? "fingerprint" : "secure") : "may"],
    ["smtp_tls_mandatory_protocols", ">=TLSv1.2"],
    ["smtp_tls_loglevel", "1"],
    ["smtp_tls_session_cache_database", "btree:${data_directory}/smtp_scache"],

    ["smtpd_sasl_type", "dovecot"],
    ["smtpd_sasl_path", "private/auth"],
    // Off on port 25; master.cf turns it on for submission (587) and submissions (465) only.
    ["smtpd_sasl_auth_enable", "no"],
    ["smtpd_sasl_security_options", "noanonymous"],
    ["smtpd_sasl_tls_security_options", "noanonymous"],
    ["smtpd_sender_login_maps", `hash:${dir}/sender_logins`],

    ["smtpd_helo_required", "yes"],
    ["disable_vrfy_command", "yes"],
    ["smtpd_relay_restrictions", "permit_sasl_authenticated, reject_unauth_destination"],
    ["smtpd_recipient_restrictions", "reject_non_fqdn_recipient, reject_unauth_destination"],
    ["smtpd_sender_restrictions", "reject_non_fqdn_sender"],

    // rspamd: DKIM signing, SPF/DKIM/DMARC verdicts, spam score. While it is down, mail waits (4xx).
    ["milter_protocol", "6"],
    ["milter_default_action", "tempfail"],
    ["smtpd_milters", milter],
    ["non_smtpd_milters", "$smtpd_milters"],
  ];

  if (relay) {
    const host = hostValue("delivery.host", relay.host);
    const port = configValue("delivery.port", "port", relay.port);
    p.push(
      ["relayhost", `[${host}]:${port}`],
      ["smtp_sasl_auth_enable", "yes"],
      ["smtp_sasl_password_maps", `hash:${dir}/sasl_passwd`],
      ["smtp_sasl_security_options", "noanonymous"],
      ["smtp_sasl_tls_security_options", "noanonymous"],
      ["smtp_tls_CAfile", configValue("caFile", "path", d.caFile)],
      ["smtp_tls_secure_cert_match", "nexthop"],
      ["smtp_tls_fingerprint_digest", "sha256"],
      ["smtp_tls_policy_maps", `hash:${dir}/tls_policy`],
    );
    if (relay.port === 465) p.push(["smtp_tls_wrappermode", "yes"]);
  }
  return p;
}

export function renderPostfixMainCf(inputs: MailInputs): string {
  const header = [
    `# Postfix main.cf for ${configValue("domain", "hostname", inputs.doc.domain)}, generated by Postwright.`,
    "# Edit the setup in Postwright and reinstall rather than editing this file.",
    "",
  ];
  return [...header, ...postfixMainParameters(inputs).map(([k, v]) => `${k} = ${v}`), ""].join("\n");
}
