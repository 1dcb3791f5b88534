import { configValue } from "./config-value";
import type { MailInputs } from "./mail-inputs";

const settings = (inputs: MailInputs) => ({
  domain: configValue("domain", "hostname", inputs.doc.domain),
  hostname: configValue("hostname", "hostname", inputs.doc.hostname),
});

/**
 * Thunderbird's autoconfig file (served at autoconfig.DOMAIN/mail/config-v1.1.xml,
 * which the DNS plan publishes): IMAPS 993, submission 465 (TLS) and 587 (STARTTLS),
 * the full address as user name, as the mail server is set up.
 */
export function renderAutoconfigXml(inputs: MailInputs): string {
  const { domain, hostname } = settings(inputs);
  const server = (tag: string, type: string, port: number, socket: string) => `    <${tag} type="${type}">
      <hostname>${hostname}</hostname>
      <port>${port}</port>
      <socketType>${socket}</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${domain}">
    <domain>${domain}</domain>
    <displayName>${domain}</displayName>
${server("incomingServer", "imap", 993, "SSL")}
${server("outgoingServer", "smtp", 465, "SSL")}
${server("outgoingServer", "smtp", 587, "STARTTLS")}
  </emailProvider>
</clientConfig>
`;
}

/**
 * The Outlook (POX) autodiscover answer, served at
 * autodiscover.DOMAIN/autodiscover/autodiscover.xml for the POST Outlook sends.
 */
export function renderAutodiscoverXml(inputs: MailInputs): string {
  const { hostname } = settings(inputs);
  const protocol = (type: string, port: number, encryption: string) => `      <Protocol>
        <Type>${type}</Type>
        <Server>${hostname}</Server>
        <Port>${port}</Port>
        <SPA>off</SPA>
        <Encryption>${encryption}</Encryption>
        <AuthRequired>on</AuthRequired>
      </Protocol>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocol("IMAP", 993, "SSL")}
${protocol("SMTP", 465, "SSL")}
    </Account>
  </Response>
</Autodiscover>
`;
}
