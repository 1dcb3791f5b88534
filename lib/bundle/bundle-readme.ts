import type { DnsRecord } from "@/lib/dns/record";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { ownAddresses } from "@/lib/setup/derived";
import type { ManifestEntry } from "./bundle-manifest";

/** The README.md of a bundle: what is in it, the records, the checklist, what install.sh does. */
export function renderBundleReadme(
  inputs: MailInputs,
  records: DnsRecord[],
  manifest: ManifestEntry[],
  includePrivateKeys: boolean,
): string {
  const { doc } = inputs;
  const left = manifest.filter((m) => m.source === null);
  const row = (r: DnsRecord) => `| ${r.name} | ${r.type} | \`${r.value.replace(/\|/g, "\\|")}\` | ${r.level} |`;
  return `# Mail server for ${doc.domain}

Made by Postwright for the mail host **${doc.hostname}**
(${doc.delivery.mode === "relay" ? `outgoing mail through the relay ${doc.delivery.host}:${doc.delivery.port}` : "outgoing mail delivered directly on port 25"}).

## Checklist

1. Publish the DNS records below at your registrar or DNS host (\`dns/${doc.domain}.zone\` has them as a BIND zone file).
2. Ask your ISP for the reverse DNS (PTR) of ${ownAddresses(doc).join(" and ")} → ${doc.hostname}.
3. Open TCP ports 25, 465, 587 and 993 to this machine${doc.mtaSts.mode !== "none" ? " (and 443 for the MTA-STS policy)" : ""}.
4. Copy this folder to the mail host and run \`sudo ./install.sh\`.
5. Send a message from a mail client (server ${doc.hostname}, port 587 STARTTLS, your full address as user name).
${
  includePrivateKeys
    ? ""
    : `
## Private keys left out

This bundle was made without private keys. Put these files on the mail host before running install.sh:

${left.map((m) => `- \`${m.target}\` (mode ${m.mode}, owner ${m.owner}:${m.group})`).join("\n")}
`
}
## DNS records

| Name | Type | Value | Level |
| --- | --- | --- | --- |
${records.map(row).join("\n")}

## What install.sh does

- installs Postfix, Dovecot (IMAP, LMTP), OpenDKIM, certbot from your distribution;
- copies every file of \`files/\` to its place with the owner and mode listed in \`manifest.json\`, after saving what it replaces in \`/var/backups/postwright-DATE/\`;
- builds the Postfix lookup tables (postmap), runs \`postfix check\`, \`doveconf -n\` and \`opendkim -n\`;
- sets up certificate renewal (certbot, with a hook that reloads Postfix and Dovecot);
- restarts the services and checks that ports 25, 465, 587 and 993 answer, with AUTH only after STARTTLS;
- if any step fails, puts the backup back.

## Mailboxes

${doc.mailboxes.map((m) => `- ${m.address}`).join("\n") || "- (none yet)"}

Aliases: ${[...doc.aliases.map((a) => `${a.from} → ${a.to}`), `postmaster@${doc.domain} and abuse@${doc.domain} → ${doc.adminEmail} unless set above`].join("; ")}.
`;
}
