#!/usr/bin/env bash
# Installs the test rig's Debian packages when missing (as root). See ../shared/docs/test-rig.md.
set -euo pipefail
PACKAGES=(bind9 bind9-utils knot knot-dnsutils pebble postfix dovecot-imapd dovecot-lmtpd opendkim opendkim-tools swaks libnet-ssleay-perl libio-socket-ssl-perl chromium openssl iproute2 ca-certificates rspamd redis-server dovecot-sieve dovecot-pop3d nginx certbot python3-certbot-dns-rfc2136 python3-dkim python3-nacl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test rig: all packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test rig: missing ${missing[*]}; run this script as root to install them" >&2
  exit 1
fi
echo "test rig: installing ${missing[*]}"
apt-get update -qq
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# No daemon may run on its own: the tests start what they need on loopback.
for svc in named bind9 knot postfix dovecot opendkim nginx rspamd redis-server; do
  pkill -x "$svc" 2>/dev/null || true
done
echo "test rig: installed"
