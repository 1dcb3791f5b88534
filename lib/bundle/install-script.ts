import { configValue, UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import type { MailHost, MailService } from "@/lib/mailconf/mail-host";
import { deploymentOf, tlsPaths, type MailInputs } from "@/lib/mailconf/mail-inputs";
import { bundleManifest, type ManifestEntry } from "./bundle-manifest";
import { SELF_TEST_PY } from "./self-test-script";

export interface RenewalInput {
  method: "dns-01-manual" | "dns-01-rfc2136" | "http-01";
  directoryUrl: string;
  email: string;
  names: string[];
}

/** How install.sh gets a certificate when the bundle has none (certbot, HTTP-01 standalone or RFC 2136). */
export interface CertbotPlan {
  method: "http-01" | "dns-01-rfc2136";
  directoryUrl: string;
  email: string;
  names: string[];
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The packages install.sh itself uses, beside the configuration's: its self-test and certificate tools. */
export function installerPackages(certbot: CertbotPlan | null): string[] {
  return [
    "openssl",
    "ca-certificates",
    "python3",
    "python3-dkim",
    "python3-nacl",
    "iproute2",
    ...(certbot ? ["certbot", ...(certbot.method === "dns-01-rfc2136" ? ["python3-certbot-dns-rfc2136"] : [])] : []),
  ];
}

/**
 * A daemon keeps the descriptors it is started with: give it none of ours, or
 * \`./install.sh | tee log\` never ends. Its start-up errors are shown if it fails.
 */
const startDetached = (cmd: string) =>
  `{ log=$(mktemp); if (${cmd}) </dev/null >"$log" 2>&1; then rm -f "$log"; else cat "$log" >&2; rm -f "$log"; false; fi; }`;

/** The shell function that starts, stops, reloads and tests each service, with or without systemd. */
export function renderServiceFunction(services: MailService[]): string {
  const branch = (s: MailService, action: string, cmd: string) => `    ${q(`${s.name}:${action}`)}) ${cmd} ;;`;
  return `# sd_booted(): systemd is PID 1 (what deb-systemd-invoke checks). Without it (containers,
# WSL, chroots) each daemon is run the way its Debian unit runs it.
has_systemd() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }
svc() { # start|stop|restart|reload|running|ready|test NAME
  local action=$1 name=$2 unit
  case "$name" in
${services.map((s) => `    ${q(s.name)}) unit=${q(s.debianUnit)} ;;`).join("\n")}
    *) echo "unknown service $name" >&2; return 1 ;;
  esac
  if [ "$action" = ready ]; then # wait up to 3 minutes for the daemon to take work
    local i
    for i in $(seq 1 360); do
      case "$name" in
${services.map((s) => `        ${q(s.name)}) ${s.readyCommand ?? "true"} ;;`).join("\n")}
      esac && return 0
      sleep 0.5
    done
    return 1
  fi
  if [ "$action" = test ]; then
    case "$name" in
${services.map((s) => `      ${q(s.name)}) ${s.configTest ?? "true"} ;;`).join("\n")}
    esac
    return
  fi
  if has_systemd; then
    case "$action" in
      running) systemctl is-active --quiet "$unit" ;;
      *) systemctl "$action" "$unit" ;;
    esac
    return
  fi
  case "$action" in
    restart) svc stop "$name"; svc start "$name"; return ;;
    start) ! svc running "$name" || return 0 ;;
    stop|reload) svc running "$name" || return 0 ;;
  esac
  case "$name:$action" in
${services
  .flatMap((s) => [
    branch(s, "start", startDetached(s.startCommand)),
    branch(s, "reload", s.reloadCommand),
    branch(s, "stop", s.stopCommand),
    branch(s, "running", s.runningCommand),
  ])
  .join("\n")}
  esac
}`;
}

/**
 * install.sh for Debian/Ubuntu, from the rendered mail host: its packages,
 * users, folders, files, post-install commands and services. Every value it
 * holds passed the mailconf guard and is single-quoted besides. It records
 * the state of every path before it touches it: a failure puts this run's
 * record back; --uninstall puts back the state from before the first install.
 */
export function renderInstallScript(
  inputs: MailInputs,
  host: MailHost,
  opts: { includePrivateKeys: boolean; certbot: CertbotPlan | null },
): string {
  const d = deploymentOf(inputs);
  const tls = tlsPaths(d);
  const domain = configValue("domain", "hostname", inputs.doc.domain);
  const hostname = configValue("hostname", "hostname", inputs.doc.hostname);
  const manifest = bundleManifest(host.files, opts.includePrivateKeys);
  const { certbot } = opts;
  if (certbot && !/^https:\/\/[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+$/.test(certbot.directoryUrl)) {
    throw new UnsafeConfigValueError("acme.directory", "secret", "not an https URL of safe characters");
  }
  const packages = [...host.packages, ...installerPackages(certbot)];
  const services = host.services;
  const certNames = (certbot?.names ?? []).map((n) => configValue("certificate name", "hostname", n));
  const certbotArgs = certbot
    ? [
        "certonly",
        "-n",
        "--agree-tos",
        "--keep-until-expiring",
        "--cert-name",
        hostname,
        "--server",
        certbot.directoryUrl,
        "-m",
        configValue("acme email", "email", certbot.email),
        ...(certbot.method === "http-01"
          ? [
              "--standalone",
              "--preferred-challenges",
              "http",
              // Port 80 may be nginx's (Debian enables its default site): free it while certbot listens.
              "--pre-hook",
              "/etc/postwright/service stop-if-port-80 nginx",
              "--post-hook",
              "/etc/postwright/service start-if-was nginx",
            ]
          : ["--dns-rfc2136", "--dns-rfc2136-credentials", "/etc/postwright/rfc2136.ini"]),
        ...certNames.flatMap((n) => ["-d", n]),
      ]
    : null;
  const st = host.selfTest;
  const present = manifest.filter((m) => m.source);
  const missing = manifest.filter((m) => !m.source);
  const serviceFunction = renderServiceFunction(services);

  return `#!/bin/bash
# Postwright installer for ${domain} (mail host ${hostname}).
# Debian 12 / Ubuntu 22.04 or later, run as root from the bundle folder:
#   sudo ./install.sh                  install (or update) the mail server
#   sudo ./install.sh --no-packages    never call apt (install the packages yourself)
#   sudo ./install.sh --keys DIR       take files left out of this bundle from DIR (same layout as files/)
#   sudo ./install.sh --secret ID=FILE read a left-out secret from FILE: relay-password, mailbox:ADDRESS,
#                                      or mailboxes (every mailbox's, ADDRESS:PASSWORD lines)
#   sudo ./install.sh --self-test      test the installed server again
#   sudo ./install.sh --uninstall      put back what was there before Postwright (also ./uninstall.sh);
#                                      the mail received stays, unless --purge-mail is given too
# It checks the bundle's digests, installs missing packages, saves the state of
# every path it touches, writes the configuration, checks it, (re)starts the
# services (with systemd or without) and tests them. If anything fails, what it
# changed is put back.
set -Eeuo pipefail
umask 022
cd "$(dirname "$0")"
BUNDLE=$(pwd)

MODE=install PACKAGES=auto KEYS= PURGE_MAIL=no
declare -A SECRET_FILES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-packages) PACKAGES=never ;;
    --uninstall) MODE=uninstall ;;
    --purge-mail) PURGE_MAIL=yes ;;
    --self-test) MODE=self-test ;;
    --keys) KEYS=$(cd "$2" && pwd); shift ;;
    --secret) case "$2" in *=*) SECRET_FILES["\${2%%=*}"]=\${2#*=} ;; *) echo "--secret wants ID=FILE." >&2; exit 2 ;; esac; shift ;;
    -h|--help) sed -n '2,11p' "$0" | cut -c3-; exit 0 ;;
    *) echo "Unknown option $1 (see --help)." >&2; exit 2 ;;
  esac
  shift
done

[ "$(id -u)" = 0 ] || { echo "Run me as root (sudo ./install.sh)." >&2; exit 1; }
[ -r /etc/debian_version ] || { echo "This installer is for Debian or Ubuntu." >&2; exit 1; }

say() { printf '\\n==> %s\\n' "$*"; }
die() { echo "$*" >&2; exit 1; }

${serviceFunction}

# --- What was there: one record per path, kept in two places. This run's
# (for a rollback) and, for paths never touched before, the one from before
# the first install (for --uninstall).
STATE=/var/lib/postwright
ORIGINAL=$STATE/original
RUN=/var/backups/postwright-$(date +%Y%m%d-%H%M%S)-$$

remember() { # STORE PATH: how PATH is now, unless STORE knows it already
  local store=$1 p=$2
  mkdir -p "$store/root"
  touch "$store/list"
  if grep -qxF -- "$p" "$store/paths" 2>/dev/null; then return 0; fi
  echo "$p" >> "$store/paths"
  if [ -L "$p" ] || [ -f "$p" ]; then
    mkdir -p "$store/root$(dirname "$p")"; cp -a -- "$p" "$store/root$p"; printf 'file\\t%s\\n' "$p" >> "$store/list"
  elif [ -d "$p" ]; then
    printf 'dir\\t%s\\t%s\\n' "$p" "$(stat -c '%a:%u:%g' -- "$p")" >> "$store/list"
  else
    printf 'absent\\t%s\\n' "$p" >> "$store/list"
  fi
}
record() { remember "$RUN" "$1"; remember "$ORIGINAL" "$1"; }
record_tree() { # every missing folder above PATH, then PATH
  local p=$1 up
  up=$(dirname "$p")
  [ -e "$up" ] || record_tree "$up"
  record "$p"
}
note() { # KEY LINE: a record that is not a path (a service's state, a user, an enabled unit)
  local store
  for store in "$RUN" "$ORIGINAL"; do
    mkdir -p "$store"; touch "$store/list"
    if grep -qxF -- "$1" "$store/paths" 2>/dev/null; then continue; fi
    echo "$1" >> "$store/paths"; printf '%s\\n' "$2" >> "$store/list"
  done
}

put_back() { # STORE: undo, newest first
  local store=$1 kind p meta
  [ -f "$store/list" ] || return 0
  tac "$store/list" | while IFS=$'\\t' read -r kind p meta; do
    case "$kind" in
      file) rm -rf -- "$p"; cp -a -- "$store/root$p" "$p" ;;
      dir) [ -d "$p" ] || mkdir -p -- "$p"; chmod "\${meta%%:*}" -- "$p"; chown "$(echo "$meta" | cut -d: -f2):\${meta##*:}" -- "$p" ;;
      absent)
        if [ "$p" = ${q(d.mailRoot)} ] && [ "$PURGE_MAIL" = no ] && [ -n "$(find "$p" -type f -print -quit 2>/dev/null)" ]; then
          echo "Kept $p: it holds mail (./uninstall.sh --purge-mail deletes it)." >&2
        else
          rm -rf -- "$p"
        fi ;;
      user)
        if [ -d ${q(d.mailRoot)} ]; then echo "Kept the user $p: it owns the mail kept in ${d.mailRoot}." >&2
        else
          if id -u "$p" >/dev/null 2>&1; then userdel "$p"; fi
          if getent group "$meta" >/dev/null; then groupdel "$meta" 2>/dev/null || true; fi
        fi ;;
      enabled) has_systemd && systemctl disable --quiet "$p" || true ;;
    esac
  done
}

services_were() { # STORE: start what ran before, stop what did not
  local store=$1 kind name state
  grep '^service' "$store/list" 2>/dev/null | while IFS=$'\\t' read -r kind name state; do
    if [ "$state" = running ]; then svc restart "$name" || echo "Could not restart $name." >&2
    else svc stop "$name" || true; fi
  done
}

self_test() {
  say "Self-test"
  if [ ! -f ${q(st.passwdFile)} ] || [ ! -f ${q(st.mailboxMap)} ]; then
    echo "Nothing to test: the mail server is not installed (run ./install.sh first)." >&2
    return 1
  fi
  local user="postwright-selftest-$(openssl rand -hex 4)@${domain}" password tmp
  password=$(openssl rand -hex 16)
  tmp=$(mktemp -d)
  for f in ${q(st.passwdFile)} ${q(st.mailboxMap)} ${q(st.senderLoginMap)}; do cp -a "$f" "$tmp/$(basename "$f")"; done
  local maildir=${q(st.maildir)}
  maildir=\${maildir//%d/${domain}}; maildir=\${maildir//%n/\${user%@*}}
  # Dovecot re-reads its passwd-file only when the file's modification time (whole seconds) or size
  # differ from those it last read, and the throwaway line always has the same length. So the restore
  # writes with a fresh modification time (cp, not cp -a: keeping the old one would hide this write,
  # and the next run's append could then carry the very second and size Dovecot read this run's in),
  # and the append below never lands in the second of the write before it.
  restore_accounts() {
    for f in ${q(st.passwdFile)} ${q(st.mailboxMap)} ${q(st.senderLoginMap)}; do cp -- "$tmp/$(basename "$f")" "$f"; done
    # Postfix's daemons notice the changed tables themselves and restart when idle: no reload needed here.
    /usr/sbin/postmap ${q(`hash:${st.mailboxMap}`)} && /usr/sbin/postmap ${q(`hash:${st.senderLoginMap}`)} || true
    rm -rf -- "$(dirname "$maildir")" "$tmp"
  }
  local before hash
  hash=$(doveadm pw -s BLF-CRYPT -p "$password")
  before=$(stat -c %Y ${q(st.passwdFile)})
  echo "$user:$hash::::::" >> ${q(st.passwdFile)}
  while [ "$(stat -c %Y ${q(st.passwdFile)})" = "$before" ]; do sleep 0.1; touch ${q(st.passwdFile)}; done
  echo "$user OK" >> ${q(st.mailboxMap)}
  echo "$user $user" >> ${q(st.senderLoginMap)}
  /usr/sbin/postmap ${q(`hash:${st.mailboxMap}`)}
  /usr/sbin/postmap ${q(`hash:${st.senderLoginMap}`)}
  svc reload postfix
  # Dovecot also looks at its passwd-file at most once a second (on a login): wait until its auth
  # process knows the throwaway mailbox (a refusal takes 2 s: auth_failure_delay). A running Dovecot
  # that never learns it is named here; one that does not answer is left for the test below to name
  # (port 993).
  local known=no deadline=$((SECONDS + 15))
  while :; do
    if doveadm auth test "$user" "$password" >/dev/null 2>&1; then known=yes; break; fi
    [ $SECONDS -lt $deadline ] || break
    sleep 0.2
  done
  if [ $known = no ] && svc running dovecot; then
    echo "Self-test failed: Dovecot still refuses the throwaway mailbox $user after 15 s (doveadm auth test): its auth process did not re-read its passwd-file." >&2
    restore_accounts
    return 1
  fi
  local status=0
  PW_ADDRESS=$user PW_PASSWORD=$password PW_MAILDIR=$maildir PW_ZONE="$BUNDLE/dns/${domain}.zone" PW_ORIGIN=${q(domain)} \\
    PW_CERT=${q(tls.fullchain)} PW_SMTP=25 PW_SUBMISSION=${st.submissionPort} PW_SUBMISSIONS=${st.submissionsPort} PW_IMAPS=${st.imapsPort} \\
    /usr/bin/python3 - <<'PY' || status=$?
${SELF_TEST_PY.trim()}
PY
  restore_accounts
  return $status
}

if [ "$MODE" = self-test ]; then
  self_test || die "The self-test failed (see above); the mail log says more."
  echo "Self-test passed."
  exit 0
fi

if [ "$MODE" = uninstall ]; then
  [ -f "$ORIGINAL/list" ] || { echo "Postwright is not installed on this machine: nothing to undo."; exit 0; }
  say "Stopping the services"
  for s in ${services
    .map((s) => s.name)
    .reverse()
    .map(q)
    .join(" ")}; do svc stop "$s" || true; done
  say "Putting back what was there before Postwright"
  put_back "$ORIGINAL"
  services_were "$ORIGINAL"
  while read -r r; do rm -rf -- "$r"; done < "$STATE/runs" 2>/dev/null || true
  rm -rf -- "$STATE"
  echo "Postwright's configuration is removed; the files it replaced are back, with their owners and modes."
  echo "The packages it installed stay (apt-get remove them if you wish)."
  exit 0
fi

# --- Install
say "Checking the bundle"
sha256sum --quiet --strict -c - <<'SUMS' || die "The bundle is damaged: the files above do not match manifest.json. Download it again."
${present.map((m) => `${m.sha256}  ${m.source}`).join("\n")}
SUMS
${
  missing.length
    ? `# Left out of this bundle (made without private keys): from --keys DIR, from this machine, or asked.
# A secret read or typed stays in this shell's memory until it is written to its own file, never to a temporary one.
STILL=()
declare -A LINE=() VALUE=() BEFORE=() AFTER=() HASH=()
keep_file() { # TARGET: a key file, from --keys DIR or already on this machine
  if [ -n "$KEYS" ] && [ -f "$KEYS$1" ]; then return 0; fi
  [ -e "$1" ] || STILL+=("$1")
}
given_secret() { # ID: sets REPLY from --secret ID=FILE, or a mailbox's from --secret mailboxes=FILE (ADDRESS:PASSWORD lines)
  local id=$1 file line
  REPLY=
  if [ -n "\${SECRET_FILES[$id]:-}" ]; then
    file=\${SECRET_FILES[$id]}
    [ -f "$file" ] && [ -r "$file" ] || die "Cannot read $file (--secret $id=FILE)."
    REPLY=$(< "$file")
    return 0
  fi
  [ "\${id%%:*}" = mailbox ] && [ -n "\${SECRET_FILES[mailboxes]:-}" ] || return 1
  file=\${SECRET_FILES[mailboxes]}
  [ -f "$file" ] && [ -r "$file" ] || die "Cannot read $file (--secret mailboxes=FILE)."
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "\${id#mailbox:}:"* ]]; then REPLY=\${line#"\${id#mailbox:}:"}; return 0; fi
  done < "$file"
  return 1
}
secret_problem() { # VALUE HASH: what makes VALUE unfit, or nothing
  case "$1" in *$'\\n'*) echo "holds a line break"; return ;; esac
  [ -n "$2" ] || return 0
  if [[ $1 == *[[:cntrl:]]* ]]; then echo "holds a control character"
  elif [ \${#1} -lt 10 ]; then echo "is shorter than 10 characters"; fi
}
typed_secret() { # QUESTION HASH: sets REPLY from the terminal, not echoed; a password to hash is typed twice
  local again problem tries
  for tries in 1 2 3; do
    read -rs -p "$1: " REPLY; echo
    [ -n "$REPLY" ] && [ -n "$2" ] || return 0
    problem=$(secret_problem "$REPLY" "$2")
    if [ -n "$problem" ]; then echo "That password $problem; once more." >&2; REPLY=; continue; fi
    read -rs -p "The same password again: " again; echo
    [ "$again" = "$REPLY" ] && return 0
    echo "The two do not match; once more." >&2; REPLY=
  done
}
ask_line() { # TARGET ID QUESTION BEFORE AFTER HASH: one line (BEFORE secret AFTER) of a left-out file
  local target=$1 id=$2 line problem
  BEFORE[$id]=$4; AFTER[$id]=$5; HASH[$id]=$6
  if [ -n "$KEYS" ] && [ -f "$KEYS$target" ]; then return 0; fi
  if ! given_secret "$id" && [ -f "$target" ]; then # the line this machine has (a re-install) stays
    while IFS= read -r line || [ -n "$line" ]; do
      if [[ $line == "$4"* ]]; then LINE[$id]=$line; return 0; fi
    done < "$target"
  fi
  if [ -z "$REPLY" ] && [ -t 0 ]; then typed_secret "$3" "$6"; fi
  if [ -z "$REPLY" ]; then STILL+=("$target: $3 (--secret $id=FILE)"); return 0; fi
  problem=$(secret_problem "$REPLY" "$6")
  [ -z "$problem" ] || die "The $id $problem: it cannot go into $target. Nothing was changed."
  VALUE[$id]=$REPLY
  REPLY=
}
${missing
  .map((m) => {
    const asked = host.files.find((f) => f.path === m.target)?.ask;
    return asked
      ? asked
          .map(
            (a) =>
              `ask_line ${q(m.target)} ${q(a.id)} ${q(a.question)} ${q(a.before)} ${q(a.after)} ${q(a.hash ?? "")}`,
          )
          .join("\n")
      : `keep_file ${q(m.target)}`;
  })
  .join("\n")}
if [ \${#STILL[@]} -gt 0 ]; then
  echo "This bundle was made without private keys, and these are neither on this machine nor given:" >&2
  printf '  %s\\n' "\${STILL[@]}" >&2
  die "Copy the files to those paths (or give their folder with --keys DIR, laid out like files/), give each secret with --secret ID=FILE (every mailbox's at once with --secret mailboxes=FILE, ADDRESS:PASSWORD lines) or run install.sh from a terminal to type them. Nothing was changed."
fi`
    : ""
}

say "Packages"
NEED=(${packages.join(" ")})
MISSING=()
for p in "\${NEED[@]}"; do
  dpkg-query -W -f='\${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || MISSING+=("$p")
done
if [ \${#MISSING[@]} -eq 0 ]; then
  echo "All present: \${NEED[*]}"
elif [ "$PACKAGES" = never ]; then
  die "Missing packages: \${MISSING[*]}. Install them (apt-get install \${MISSING[*]}) or run without --no-packages. Nothing was changed."
else
  echo "Installing \${MISSING[*]}"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update || die "apt-get update failed (no network, or a mirror is down). Install \${MISSING[*]} yourself, then run ./install.sh --no-packages. Nothing was changed."
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "\${MISSING[@]}" ||
    die "apt-get could not install \${MISSING[*]}. Install them yourself, then run ./install.sh --no-packages. Nothing of Postwright's was written."
fi
${
  missing.some((m) => host.files.find((f) => f.path === m.target)?.ask?.some((a) => a.hash))
    ? `
for id in "\${!VALUE[@]}"; do # mailbox passwords: hashed here, as the wizard would (bcrypt, cost 10)
  [ -n "\${HASH[$id]}" ] || continue
  hashed=$(printf '%s\\n%s\\n' "\${VALUE[$id]}" "\${VALUE[$id]}" | doveadm pw -s "\${HASH[$id]}" -r 10 2>/dev/null) || true
  # doveadm pw says "Passwords don't match" yet exits 0: prove the hash against the password.
  if [[ $hashed != "{\${HASH[$id]}}"* ]] ||
    ! printf '%s\\n%s\\n' "\${VALUE[$id]}" "\${VALUE[$id]}" | doveadm pw -s "\${HASH[$id]}" -t "$hashed" >/dev/null 2>&1; then
    die "doveadm pw could not hash the password of \${id#mailbox:} on this machine. Nothing of Postwright's was written."
  fi
  VALUE[$id]=$hashed
done
echo "Mailbox passwords hashed on this machine (doveadm pw)."`
    : ""
}

FIRST=yes; [ -f "$ORIGINAL/list" ] && FIRST=no
mkdir -p "$STATE" "$RUN" "$ORIGINAL"
: > "$RUN/list"
echo "$RUN" >> "$STATE/runs"
DONE=no
rollback() {
  local status=$?
  [ "$DONE" = yes ] && return 0
  trap - EXIT INT TERM
  set +e
  echo "Installation failed (exit $status): putting back what this run changed (saved in $RUN)." >&2
  for s in ${services
    .map((s) => s.name)
    .reverse()
    .map(q)
    .join(" ")}; do svc stop "$s" >/dev/null 2>&1; done
  put_back "$RUN"
  services_were "$RUN"
  if [ "$FIRST" = no ]; then
    echo "Rolled back to the Postwright configuration that was installed before this run." >&2
  else
    echo "Rolled back: this machine is as it was before this run." >&2
  fi
  exit "$status"
}
trap rollback EXIT
trap 'exit 130' INT TERM

for s in ${services.map((s) => q(s.name)).join(" ")}; do
  if svc running "$s" 2>/dev/null; then state=running; else state=stopped; fi
  note "service:$s" "$(printf 'service\\t%s\\t%s' "$s" "$state")"
done

say "Users and folders"
${host.users
  .map(
    (u) => `if ! getent passwd ${q(u.name)} >/dev/null; then
  for f in /etc/passwd- /etc/group- /etc/shadow- /etc/gshadow- /etc/.pwd.lock; do record "$f"; done
  note ${q(`user:${u.name}`)} "$(printf 'user\\t%s\\t%s' ${q(u.name)} ${q(u.group)})"
  getent group ${q(u.group)} >/dev/null || groupadd --system ${q(u.group)}
  useradd --system --gid ${q(u.group)} --home-dir ${q(u.home)} --no-create-home --shell /usr/sbin/nologin ${q(u.name)}
fi`,
  )
  .join("\n")}
${host.directories
  .map(
    (dir) =>
      `record_tree ${q(dir.path)}; install -d -m ${dir.mode.toString(8).padStart(4, "0")} -o ${q(dir.owner)} -g ${q(dir.group)} ${q(dir.path)}`,
  )
  .join("\n")}

say "Writing the configuration (this run's record: $RUN)"
put() { # SOURCE TARGET MODE OWNER GROUP
  record_tree "$2"
  mkdir -p "$(dirname "$2")"
  if [ -n "$1" ]; then install -m "$3" -o "$4" -g "$5" "$1" "$2"
  elif [ -n "$KEYS" ] && [ -f "$KEYS$2" ]; then install -m "$3" -o "$4" -g "$5" "$KEYS$2" "$2"
  else chown "$4:$5" "$2"; chmod "$3" "$2"; fi
}
put_lines() { # TARGET MODE OWNER GROUP ID...: a left-out file made of asked lines, written straight from memory
  local target=$1 mode=$2 owner=$3 group=$4 id content=
  shift 4
  if [ -n "$KEYS" ] && [ -f "$KEYS$target" ]; then put '' "$target" "$mode" "$owner" "$group"; return; fi
  record_tree "$target"
  mkdir -p "$(dirname "$target")"
  for id in "$@"; do
    if [ -n "\${LINE[$id]+set}" ]; then content+="\${LINE[$id]}"$'\\n'
    else content+="\${BEFORE[$id]}\${VALUE[$id]}\${AFTER[$id]}"$'\\n'; fi
  done
  install -m "$mode" -o "$owner" -g "$group" /dev/null "$target" # empty, its mode set before the secret goes in
  printf '%s' "$content" > "$target"
}
${manifest
  .map((m: ManifestEntry) =>
    !m.source && m.ask
      ? `put_lines ${q(m.target)} ${m.mode} ${q(m.owner)} ${q(m.group)}${m.ask.map((id) => ` ${q(id)}`).join("")}`
      : `put ${m.source ? q(m.source) : "''"} ${q(m.target)} ${m.mode} ${q(m.owner)} ${q(m.group)}`,
  )
  .join("\n")}
${missing.length ? "VALUE=() LINE=() # the secrets are in their files now" : ""}
${host.directories.map((dir) => `chmod ${dir.mode.toString(8).padStart(4, "0")} ${q(dir.path)}`).join("\n")}

say "Building what the configuration needs"
${host.postInstall
  .map(
    (p) =>
      `# ${p.description.replace(/\n/g, " ")}\n${p.creates.map((c) => `record_tree ${q(c)}`).join("; ")}\n${p.command}`,
  )
  .join("\n")}

say "Service helper and certificate renewal"
record_tree /etc/postwright/service
cat > /etc/postwright/service <<'SVC'
#!/bin/bash
# Installed by Postwright: start, stop or reload a mail service, with or without systemd.
set -euo pipefail
${serviceFunction}
case "$1" in
  stop-if-port-80) if ss -ltnH 'sport = :80' | grep -q .; then svc running "$2" && touch "/run/postwright-stopped-$2"; svc stop "$2"; fi ;;
  start-if-was) if [ -e "/run/postwright-stopped-$2" ]; then rm -f "/run/postwright-stopped-$2"; svc start "$2"; fi ;;
  *) svc "$@" ;;
esac
SVC
chmod 0755 /etc/postwright/service
record_tree /etc/letsencrypt/renewal-hooks/deploy/postwright.sh
mkdir -p /etc/letsencrypt/renewal-hooks/deploy
cat > /etc/letsencrypt/renewal-hooks/deploy/postwright.sh <<'HOOK'
#!/bin/sh
# Installed by Postwright: copy a renewed certificate where the mail services read it, then reload them.
set -e
[ "$(basename "$RENEWED_LINEAGE")" = ${q(hostname)} ] || exit 0
install -m 0644 "$RENEWED_LINEAGE/fullchain.pem" ${q(tls.fullchain)}
install -m 0600 "$RENEWED_LINEAGE/privkey.pem" ${q(tls.privkey)}
${services.map((s) => `/etc/postwright/service running ${q(s.name)} && /etc/postwright/service reload ${q(s.name)}`).join("\n")}
exit 0
HOOK
chmod 0755 /etc/letsencrypt/renewal-hooks/deploy/postwright.sh

say "Certificate"
${
  certbotArgs
    ? `for p in /etc/letsencrypt/{accounts,archive,live,renewal,keys,csr,renewal-hooks/pre,renewal-hooks/post,.certbot.lock} /etc/letsencrypt/archive/${hostname} /etc/letsencrypt/live/${hostname} /etc/letsencrypt/renewal/${hostname}.conf /var/log/letsencrypt /var/lib/letsencrypt; do record_tree "$p"; done
echo "certbot: ${certbot!.method === "http-01" ? "HTTP-01 on port 80 (open it to this machine)" : "DNS-01 through RFC 2136"} for ${certNames.join(", ")}"
if certbot ${certbotArgs.map(q).join(" ")}; then
  RENEWED_LINEAGE=/etc/letsencrypt/live/${hostname} /etc/letsencrypt/renewal-hooks/deploy/postwright.sh
  echo "certbot renews the certificate from now on."
else
  [ -s ${q(tls.fullchain)} ] || die "No certificate: certbot could not get one and the bundle has none. Check that ${certNames.join(", ")} point at this machine and port 80 reaches it${certbot!.method === "http-01" ? "" : " (or the RFC 2136 key)"}, or get one in Postwright's Certificate step and make a new bundle."
  echo "WARNING: certbot could not get a certificate; the one from the bundle stays: renew it in Postwright before it expires." >&2
fi`
    : `[ -s ${q(tls.fullchain)} ] || die "No certificate in the bundle: get one in Postwright's Certificate step, then make a new bundle."
echo "Renewal: this certificate was obtained with a DNS record set by hand, which cannot renew unattended. Renew it in Postwright and reinstall the bundle (a weekly check warns 21 days before it expires)."
record_tree /etc/cron.weekly/postwright-certificate
mkdir -p /etc/cron.weekly
cat > /etc/cron.weekly/postwright-certificate <<'CRON'
#!/bin/sh
openssl x509 -checkend 1814400 -noout -in ${q(tls.fullchain)} >/dev/null || echo "Postwright: the mail certificate of ${hostname} expires within 21 days: renew it in Postwright." | logger -t postwright -p mail.warning
CRON
chmod 0755 /etc/cron.weekly/postwright-certificate`
}
openssl x509 -noout -in ${q(tls.fullchain)}
say "Checking the configuration"
${services.map((s) => `svc test ${q(s.name)}`).join("\n")}

say "Starting the services ($(has_systemd && echo systemd || echo "no systemd: as their Debian units run them"))"
if has_systemd; then systemctl daemon-reload; fi
${services
  .filter((s) => s.ownUnit)
  .map(
    (s) =>
      `if has_systemd; then record_tree /etc/systemd/system/multi-user.target.wants/${s.debianUnit}; note ${q(`enabled:${s.debianUnit}`)} "$(printf 'enabled\\t%s' ${q(s.debianUnit)})"; systemctl enable --quiet ${q(s.debianUnit)}; fi`,
  )
  .join("\n")}
for s in ${services.map((s) => q(s.name)).join(" ")}; do
  svc restart "$s" || die "$s did not start: see its log (journalctl -u $s, or the mail log)."
  svc ready "$s" || die "$s started but does not take work: see its log (journalctl -u $s, or the mail log)."
done

self_test

DONE=yes
say "Done. Your mail server for ${domain} is installed."
echo "This run's record: $RUN; ./install.sh --uninstall puts back what was there before Postwright."
echo "Next: publish the DNS records (dns/${domain}.zone, see README.md), then send a test message."
`;
}
