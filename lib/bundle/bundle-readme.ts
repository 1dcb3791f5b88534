import type { DnsRecord } from "@/lib/dns/record";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { effectiveAliases } from "@/lib/mailconf/postfix-maps";
import { ownAddresses } from "@/lib/setup/derived";
import type { ManifestEntry } from "./bundle-manifest";
import type { CertbotPlan } from "./install-script";

/** The README.md of a bundle: what is in it, the records, the checklist, what install.sh does. */
export function renderBundleReadme(
  inputs: MailInputs,
  records: DnsRecord[],
  manifest: ManifestEntry[],
  includePrivateKeys: boolean,
  install: { packages: string[]; services: string[]; certbot: CertbotPlan | null },
): string {
  const { packages, services, certbot } = install;
  const { doc } = inputs;
  const left = manifest.filter((m) => m.source === null);
  const row = (r: DnsRecord) => `| ${r.name} | ${r.type} | \`${r.value.replace(/\|/g, "\\|")}\` | ${r.level} |`;
  return `# Mail server for ${doc.domain}

Made by Postwright for the mail host **${doc.hostname}**
(${doc.delivery.mode === "relay" ? `outgoing mail through the relay ${doc.delivery.host}:${doc.delivery.port}` : "outgoing mail delivered directly on port 25"}).

## Checklist

1. Publish the DNS records below at your registrar or DNS host (\`dns/${doc.domain}.zone\` has them as a BIND zone file).
2. Ask your ISP for the reverse DNS (PTR) of ${ownAddresses(doc).join(" and ")} → ${doc.hostname}.
3. Open TCP ports 25, 465, 587 and 993 to this machine, and 80 and 443 (certificate renewal, the MTA-STS policy, mail client set-up).
4. Copy this folder to the mail host and run \`sudo ./install.sh\` (Debian 12 or Ubuntu 22.04 and later, with or without systemd).
5. Send a message from a mail client (server ${doc.hostname}, port 587 STARTTLS, your full address as user name).
${
  includePrivateKeys
    ? ""
    : `
## Private keys left out

This bundle was made without private keys: it holds no secret at all, no key, no password, not even a password hash. Before or while running install.sh:

${left
  .map((m) =>
    m.ask
      ? `- \`${m.target}\`: install.sh asks for ${m.ask.map((id) => `\`${id}\``).join(", ")} when run from a terminal (not echoed${m.ask.some((id) => id.startsWith("mailbox:")) ? "; each mailbox password twice, at least 10 characters, hashed on this machine with \`doveadm pw\`" : ""}), or reads each with \`--secret ID=FILE\` (e.g. \`--secret ${m.ask[0] ?? "ID"}=FILE\`)${m.ask.some((id) => id.startsWith("mailbox:")) ? "; \`--secret mailboxes=FILE\` reads every mailbox's from one file of \`ADDRESS:PASSWORD\` lines" : ""}. A line already in that file on this machine stays, unless its secret is given`
      : `- \`${m.target}\` (mode ${m.mode}, owner ${m.owner}:${m.group}): put it there, or give a folder holding it at the same path with \`--keys DIR\``,
  )
  .join("\n")}

What is typed or read stays in install.sh's memory until it is written to its own file: never to a temporary file.
`
}
## DNS records

| Name | Type | Value | Level |
| --- | --- | --- | --- |
${records.map(row).join("\n")}

## What install.sh does

- checks every file of \`files/\` against the SHA-256 in \`manifest.json\` before writing anything;
- installs the Debian packages the configuration needs (${packages.join(", ")}) when some are missing, after \`apt-get update\`; when all are present it never calls apt, and \`--no-packages\` forbids it;
- records the state of every path it touches (content, owner, mode) in \`/var/lib/postwright\`, then copies every file of \`files/\` to its place with the owner and mode listed in \`manifest.json\`;
- builds what the configuration needs (postmap, newaliases, the nginx site), runs each service's configuration check;
- ${certbot ? `gets the certificate with certbot (${certbot.method === "http-01" ? "HTTP-01 on port 80" : "DNS-01 through RFC 2136"}) for ${certbot.names.join(", ")}, and renews it from then on` : "installs the certificate of the bundle (renew it in Postwright: a weekly check warns 21 days before it expires)"};
- (re)starts ${services.join(", ")} with systemctl when systemd runs, otherwise the way their Debian units do;
- tests the server for real: EHLO on 25, AUTH only after STARTTLS on 587, a message submitted on 587 with a throwaway mailbox lands in its Maildir with DKIM signatures that verify against \`dns/${doc.domain}.zone\`, 465 and IMAPS 993 answer and log in (\`./install.sh --self-test\` runs it again);
- if any step fails, puts back what it changed and restarts what ran before.

Run it again after changing the setup: it is idempotent. \`sudo ./uninstall.sh\` (or \`./install.sh --uninstall\`) puts back every file, owner and mode from before the first install and removes what it created; the packages stay, and so does any mail received unless you add \`--purge-mail\`.

## Mailboxes

${doc.mailboxes.map((m) => `- ${m.address}`).join("\n") || "- (none yet)"}

Aliases (the setup's own, then the addresses it publishes or uses, to the role mailbox): ${effectiveAliases(inputs)
    .map((a) => `${a.from} → ${a.to}`)
    .join("; ")}.
`;
}
