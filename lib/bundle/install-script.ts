import { configValue, UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import type { MailFile } from "@/lib/mailconf/mail-files";
import { deploymentOf, tlsPaths, type MailInputs } from "@/lib/mailconf/mail-inputs";
import { bundleManifest } from "./bundle-manifest";

export interface RenewalInput {
  method: "dns-01-manual" | "dns-01-rfc2136" | "http-01";
  directoryUrl: string;
  email: string;
  names: string[];
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * install.sh for Debian/Ubuntu. Every value it holds passed the mailconf guard
 * (paths, names) and is single-quoted besides. On any failure after the first
 * write it puts the backup back and restarts the services as they were.
 */
export function renderInstallScript(
  inputs: MailInputs,
  files: MailFile[],
  opts: { includePrivateKeys: boolean; renewal: RenewalInput | null },
): string {
  const d = deploymentOf(inputs);
  const tls = tlsPaths(d);
  const domain = configValue("domain", "hostname", inputs.doc.domain);
  const hostname = configValue("hostname", "hostname", inputs.doc.hostname);
  const manifest = bundleManifest(files, opts.includePrivateKeys);
  const ed25519 = (inputs.doc.dkim.algorithms as readonly string[]).includes("ed25519");
  const renewal = opts.renewal;
  const certNames = (renewal?.names.length ? renewal.names : [hostname, `mta-sts.${domain}`]).map((n) =>
    configValue("certificate name", "hostname", n),
  );
  const packages = [
    "postfix",
    "dovecot-imapd",
    "dovecot-lmtpd",
    "opendkim",
    "opendkim-tools",
    "libsasl2-modules",
    "certbot",
    "openssl",
    "ca-certificates",
    ...(renewal?.method === "dns-01-rfc2136" ? ["python3-certbot-dns-rfc2136"] : []),
  ];
  const certbotArgs =
    renewal && renewal.method !== "dns-01-manual"
      ? [
          "certonly",
          "-n",
          "--agree-tos",
          "--keep-until-expiring",
          "--cert-name",
          hostname,
          "--server",
          renewal.directoryUrl,
          "-m",
          configValue("acme email", "email", renewal.email),
          ...(renewal.method === "http-01"
            ? ["--standalone", "--preferred-challenges", "http"]
            : ["--dns-rfc2136", "--dns-rfc2136-credentials", "/etc/postwright/rfc2136.ini"]),
          ...certNames.flatMap((n) => ["-d", n]),
        ]
      : null;
  if (renewal && !/^https:\/\/[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+$/.test(renewal.directoryUrl)) {
    throw new UnsafeConfigValueError("acme.directory", "secret", "not an https URL of safe characters");
  }

  return `#!/bin/bash
# Postwright installer for ${domain} (mail host ${hostname}).
# Debian 12 / Ubuntu 22.04 or later, run as root from the bundle folder:
#   sudo ./install.sh
# It installs the packages, backs up every file it replaces, writes the
# configuration, builds the maps, checks it (postfix check, doveconf -n,
# opendkim -n), restarts the services and tests them. If anything fails, the
# backup is put back.
set -Eeuo pipefail
umask 022
cd "$(dirname "$0")"

[ "$(id -u)" = 0 ] || { echo "Run me as root (sudo ./install.sh)." >&2; exit 1; }
[ -r /etc/debian_version ] || { echo "This installer is for Debian or Ubuntu." >&2; exit 1; }

BACKUP=/var/backups/postwright-$(date +%Y%m%d-%H%M%S)
CREATED="$BACKUP/created-files"
mkdir -p "$BACKUP"
: > "$CREATED"
say() { printf '\\n==> %s\\n' "$*"; }

rollback() {
  local status=$?
  trap - ERR
  echo "Installation failed (exit $status): putting the previous configuration back from $BACKUP." >&2
  if [ -d "$BACKUP/root" ]; then cp -a "$BACKUP/root/." /; fi
  while read -r f; do rm -f -- "$f"; done < "$CREATED"
  systemctl daemon-reload || true
  for s in opendkim opendkim-ed25519 dovecot postfix; do systemctl try-restart "$s" 2>/dev/null || true; done
  echo "Rolled back. Nothing of Postwright's configuration is active." >&2
  exit "$status"
}
trap rollback ERR

backup() {
  if [ -e "$1" ]; then mkdir -p "$BACKUP/root$(dirname "$1")"; cp -a "$1" "$BACKUP/root$1"; else echo "$1" >> "$CREATED"; fi
}

say "Installing packages"
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(" ")}

say "Mail user and folders"
getent group ${q(d.mailGroup)} >/dev/null || groupadd --system ${q(d.mailGroup)}
getent passwd ${q(d.mailUser)} >/dev/null || useradd --system --gid ${q(d.mailGroup)} --home-dir ${q(d.mailRoot)} --shell /usr/sbin/nologin ${q(d.mailUser)}
install -d -m 0750 -o ${q(d.mailUser)} -g ${q(d.mailGroup)} ${q(d.mailRoot)}
install -d -m 0750 -o opendkim -g opendkim ${q(`${d.opendkimDir}/keys`)}
install -d -m 0755 ${q(d.tlsDir)}

say "Writing the configuration (backup in $BACKUP)"
install_file() { # source target mode owner group
  local src=$1 target=$2 mode=$3 owner=$4 group=$5
  backup "$target"
  if [ -z "$src" ]; then
    [ -e "$target" ] || { echo "$target is not in this bundle (made without private keys) and not on this machine: copy it there first." >&2; false; }
  else
    install -D -m "$mode" -o "$owner" -g "$group" "$src" "$target"
  fi
  chown "$owner:$group" "$target"; chmod "$mode" "$target"
}
${manifest.map((m) => `install_file ${m.source ? q(m.source) : "''"} ${q(m.target)} ${m.mode} ${q(m.owner)} ${q(m.group)}`).join("\n")}
chmod 0750 ${q(`${d.opendkimDir}/keys`)}

say "Building the Postfix maps"
${manifest
  .filter((m) => m.postmap)
  .map((m) => `backup ${q(`${m.target}.db`)}; postmap ${q(`hash:${m.target}`)}`)
  .join("\n")}
[ -e /etc/aliases ] || echo "postmaster: root" > /etc/aliases
newaliases

say "Certificate"
install -d -m 0755 /etc/letsencrypt/renewal-hooks/deploy
backup /etc/letsencrypt/renewal-hooks/deploy/postwright.sh
cat > /etc/letsencrypt/renewal-hooks/deploy/postwright.sh <<'HOOK'
#!/bin/sh
# Installed by Postwright: copy a renewed certificate where Postfix and Dovecot read it, then reload them.
set -e
[ "$(basename "$RENEWED_LINEAGE")" = ${q(hostname)} ] || exit 0
install -m 0644 "$RENEWED_LINEAGE/fullchain.pem" ${q(tls.fullchain)}
install -m 0600 "$RENEWED_LINEAGE/privkey.pem" ${q(tls.privkey)}
systemctl reload postfix dovecot
HOOK
chmod 0755 /etc/letsencrypt/renewal-hooks/deploy/postwright.sh
${
  certbotArgs
    ? `if certbot ${certbotArgs.map(q).join(" ")}; then
  RENEWED_LINEAGE=/etc/letsencrypt/live/${hostname} /etc/letsencrypt/renewal-hooks/deploy/postwright.sh || true
  echo "certbot renews the certificate from now on (systemctl list-timers certbot.timer)."
else
  [ -s ${q(tls.fullchain)} ] || { echo "No certificate: certbot failed and the bundle carries none." >&2; false; }
  echo "WARNING: certbot could not get a certificate; the one from the bundle stays, renew it in Postwright before it expires." >&2
fi`
    : `[ -s ${q(tls.fullchain)} ] || { echo "No certificate in the bundle: get one in Postwright's Certificate step (DNS-01 by hand cannot renew unattended), then make a new bundle." >&2; false; }
echo "Renewal: this certificate was obtained with a DNS record set by hand, which cannot renew unattended. Renew it in Postwright and reinstall the bundle (a weekly check warns 21 days before it expires)."
backup /etc/cron.weekly/postwright-certificate
cat > /etc/cron.weekly/postwright-certificate <<'CRON'
#!/bin/sh
openssl x509 -checkend 1814400 -noout -in ${q(tls.fullchain)} >/dev/null || echo "Postwright: the mail certificate of ${hostname} expires within 21 days: renew it in Postwright." | logger -t postwright -p mail.warning
CRON
chmod 0755 /etc/cron.weekly/postwright-certificate`
}

say "Checking the configuration"
postfix check
doveconf -n >/dev/null
opendkim -n -x ${q(d.opendkimConf)}
${ed25519 ? `opendkim -n -x ${q(d.opendkimConf.replace(/\.conf$/, "-ed25519.conf"))}` : ""}
openssl x509 -noout -in ${q(tls.fullchain)}

say "Restarting the services"
systemctl daemon-reload
${ed25519 ? "systemctl enable opendkim-ed25519\n" : ""}for s in opendkim ${ed25519 ? "opendkim-ed25519 " : ""}dovecot postfix; do systemctl restart "$s"; done

say "Self-test"
for p in 25 465 587 993; do
  for i in $(seq 1 20); do ss -ltn "( sport = :$p )" | grep -q LISTEN && break; sleep 0.5; done
  ss -ltn "( sport = :$p )" | grep -q LISTEN || { echo "Nothing listens on port $p." >&2; false; }
done
ehlo=$( (printf 'EHLO selftest.invalid\\r\\n'; sleep 1; printf 'QUIT\\r\\n') | timeout 10 openssl s_client -quiet -starttls smtp -connect 127.0.0.1:587 2>/dev/null || true)
echo "$ehlo" | grep -q 'AUTH' || { echo "Submission (587) does not offer AUTH after STARTTLS." >&2; false; }
plain=$( (printf 'EHLO selftest.invalid\\r\\n'; sleep 1; printf 'QUIT\\r\\n') | timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/587; cat >&3 & cat <&3' 2>/dev/null || true)
if echo "$plain" | grep -q 'AUTH'; then echo "Submission (587) offers AUTH before STARTTLS." >&2; false; fi
echo | timeout 10 openssl s_client -connect 127.0.0.1:993 2>/dev/null | grep -q '^\\* OK' || { echo "IMAPS (993) does not answer." >&2; false; }

trap - ERR
say "Done. Your mail server for ${domain} is installed."
echo "Backup of the replaced files: $BACKUP"
echo "Next: publish the DNS records (dns/${domain}.zone, see README.md), then send a test message."
`;
}
