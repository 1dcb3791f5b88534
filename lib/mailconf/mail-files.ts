import { configValue } from "./config-value";
import { renderAutoconfigXml, renderAutodiscoverXml } from "./autoconfig";
import { renderDovecotConf, renderSpamToJunkSieve, spamToJunkSieve } from "./dovecot-conf";
import { dovecotUserLines, renderDovecotUsers } from "./dovecot-users";
import { deploymentOf, tlsPaths, type MailInputs } from "./mail-inputs";
import type { MailHost, MailService } from "./mail-host";
import { renderMtaStsNginx, renderMtaStsPolicyFile } from "./mta-sts";
import { renderRspamd } from "./rspamd-conf";
import { renderPostfixMainCf } from "./postfix-main-cf";
import { renderPostfixMasterCf } from "./postfix-master-cf";
import {
  renderSaslPasswd,
  renderSenderLogins,
  renderTlsPolicy,
  renderVirtualAliases,
  renderVirtualMailboxes,
} from "./postfix-maps";

export type FileSyntax =
  "postfix" | "postfix-master" | "postfix-map" | "dovecot" | "rspamd" | "lua" | "sieve" | "pem" | "nginx" | "text";

export interface MailFile {
  /** Absolute target path on the mail host */
  path: string;
  content: string;
  mode: number;
  owner: string;
  group: string;
  syntax: FileSyntax;
  /** A private key (DKIM, TLS): left out of a bundle made without private keys */
  privateKey?: boolean;
  /** A Postfix lookup table source that install.sh compiles with postmap */
  postmap?: boolean;
  /**
   * The file is these lines, each holding a secret the user can type: when the file
   * is left out of a bundle, install.sh rebuilds it line by line (see AskedSecret).
   */
  ask?: AskedSecret[];
}

/**
 * One line of a file left out of a bundle: before + secret + after. install.sh keeps
 * the line the machine already has (a re-install), else reads the secret from
 * \`--secret ID=FILE\` or asks for it on a terminal, never echoed; what is typed stays
 * in the installer's memory until it is written to its file.
 */
export interface AskedSecret {
  /** e.g. "relay-password", "mailbox:alice@example.test" */
  id: string;
  question: string;
  before: string;
  after: string;
  /**
   * A mailbox password: typed twice, at least 10 characters (as the wizard asks),
   * and hashed on the box (\`doveadm pw -s BLF-CRYPT\`) before it is written.
   */
  hash?: "BLF-CRYPT";
}

/** Every file of the mail host's configuration, in a stable order. */
export function renderMailFiles(inputs: MailInputs): MailFile[] {
  return renderMailHost(inputs).files;
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A daemon started from a pid file, as Debian's forking units run it (start-stop-daemon is in dpkg). */
const pidFileRunning = (pid: string) => `[ -s ${sq(pid)} ] && kill -0 "$(cat ${sq(pid)})" 2>/dev/null`;

/**
 * The files and everything install.sh must do around them: packages,
 * users, folders, services (start order), post-install commands, self-test.
 */
export function renderMailHost(inputs: MailInputs): MailHost {
  const d = deploymentOf(inputs);
  const pf = configValue("postfixDir", "path", d.postfixDir);
  const dv = configValue("dovecotDir", "path", d.dovecotDir);
  const rspamdDir = configValue("rspamdDir", "path", d.rspamdDir);
  const rspamd = renderRspamd(inputs);
  const tls = tlsPaths(d);
  const sasl = renderSaslPasswd(inputs);
  const tlsPolicy = renderTlsPolicy(inputs);
  const domain = configValue("domain", "hostname", inputs.doc.domain);
  const root = (path: string, content: string, syntax: FileSyntax, mode = 0o644, group = "root"): MailFile => ({
    path,
    content,
    mode,
    owner: "root",
    group,
    syntax,
  });

  const nginxDir = configValue("nginxDir", "path", d.nginxDir);
  const nginxSite = `${nginxDir}/sites-available/mta-sts.${domain}.conf`;
  const nginxEnabled = `${nginxDir}/sites-enabled/mta-sts.${domain}.conf`;
  const files: MailFile[] = [
    root(`${pf}/main.cf`, renderPostfixMainCf(inputs), "postfix"),
    root(`${pf}/master.cf`, renderPostfixMasterCf(inputs), "postfix-master"),
    { ...root(`${pf}/virtual_mailboxes`, renderVirtualMailboxes(inputs), "postfix-map"), postmap: true },
    { ...root(`${pf}/virtual_aliases`, renderVirtualAliases(inputs), "postfix-map"), postmap: true },
    { ...root(`${pf}/sender_logins`, renderSenderLogins(inputs), "postfix-map"), postmap: true },
  ];
  if (sasl !== null && inputs.doc.delivery.mode === "relay") {
    // "[host]:port user:password\n": the user name holds no colon or space (renderSaslPasswd proves it).
    const before = sasl.slice(0, sasl.indexOf(":", sasl.indexOf(" ")) + 1);
    files.push({
      ...root(`${pf}/sasl_passwd`, sasl, "postfix-map", 0o600),
      postmap: true,
      privateKey: true,
      ask: [
        {
          id: "relay-password",
          question: `Password of ${inputs.doc.delivery.username} at the relay ${inputs.doc.delivery.host}:${inputs.doc.delivery.port}`,
          before,
          after: "",
        },
      ],
    });
  }
  if (tlsPolicy !== null) files.push({ ...root(`${pf}/tls_policy`, tlsPolicy, "postfix-map"), postmap: true });
  const sieve = spamToJunkSieve(d.sieveDir);
  files.push(
    root(`${dv}/dovecot.conf`, renderDovecotConf(inputs), "dovecot"),
    {
      ...root(`${dv}/users`, renderDovecotUsers(inputs), "text", 0o640, "dovecot"),
      // The mailboxes' password hashes: no secret leaves in a bundle made without private keys.
      privateKey: true,
      ask: dovecotUserLines(inputs),
    },
    root(sieve, renderSpamToJunkSieve(), "sieve"),
    ...rspamd.localD.map((f) =>
      root(`${rspamdDir}/local.d/${f.name}`, f.content, f.name.endsWith(".lua") ? "lua" : "rspamd"),
    ),
    ...rspamd.keys.map((k) => ({
      path: k.path,
      content: k.content,
      mode: 0o600,
      owner: "_rspamd",
      group: "_rspamd",
      syntax: "pem" as const,
      privateKey: true,
    })),
  );
  if (inputs.certificate) {
    files.push(root(tls.fullchain, configValue("certificate.chainPem", "pem", inputs.certificate.chainPem), "pem"), {
      ...root(
        tls.privkey,
        configValue("certificate.privateKeyPem", "pem", inputs.certificate.privateKeyPem),
        "pem",
        0o600,
      ),
      privateKey: true,
    });
  }
  files.push(
    root(
      `${configValue("mtaStsRoot", "path", d.mtaStsRoot)}/.well-known/mta-sts.txt`,
      renderMtaStsPolicyFile(inputs),
      "text",
    ),
    root(
      `${configValue("autoconfigRoot", "path", d.autoconfigRoot)}/mail/config-v1.1.xml`,
      renderAutoconfigXml(inputs),
      "text",
    ),
    root(
      `${configValue("autoconfigRoot", "path", d.autoconfigRoot)}/autodiscover/autodiscover.xml`,
      renderAutodiscoverXml(inputs),
      "text",
    ),
    root(nginxSite, renderMtaStsNginx(inputs), "nginx"),
  );

  const mailUser = configValue("mailUser", "selector", d.mailUser);
  const mailGroup = configValue("mailGroup", "selector", d.mailGroup);
  const mailRoot = configValue("mailRoot", "path", d.mailRoot);
  const runDir = (pid: string) => pid.slice(0, pid.lastIndexOf("/"));
  const greylisting = inputs.doc.inbound.greylisting;
  const controllerInclude = `${rspamdDir}/local.d/controller-password.inc`;
  const postwrightDir = configValue("postwrightDir", "path", d.postwrightDir);
  const controllerPassword = `${postwrightDir}/rspamd-controller.password`;
  const rspamdPid = configValue("rspamdPidFile", "path", d.rspamdPidFile);
  const rspamdConf = `${rspamdDir}/rspamd.conf`;
  const services: MailService[] = [
    ...(greylisting
      ? [
          {
            name: "redis-server",
            debianUnit: "redis-server.service",
            startCommand:
              "install -d -m 2755 -o redis -g redis /run/redis && /usr/bin/redis-server /etc/redis/redis.conf --daemonize yes",
            reloadCommand: "true",
            stopCommand:
              "start-stop-daemon --stop --quiet --oknodo --retry TERM/10 --pidfile /run/redis/redis-server.pid",
            runningCommand: pidFileRunning("/run/redis/redis-server.pid"),
            configTest: null,
          },
        ]
      : []),
    {
      name: "rspamd",
      debianUnit: "rspamd.service",
      // Debian's unit runs it as _rspamd with RuntimeDirectory=rspamd; without systemd it forks and drops to _rspamd itself.
      startCommand: `install -d -m 0755 -o _rspamd -g _rspamd ${sq(runDir(rspamdPid))} && /usr/bin/rspamd -c ${sq(rspamdConf)} -u _rspamd -g _rspamd`,
      reloadCommand: `kill -HUP "$(cat ${sq(rspamdPid)})"`,
      stopCommand: `start-stop-daemon --stop --quiet --oknodo --retry TERM/10 --pidfile ${sq(rspamdPid)}`,
      runningCommand: pidFileRunning(rspamdPid),
      configTest: `/usr/bin/rspamadm configtest -q -c ${sq(rspamdConf)}`,
      readyCommand: `ss -ltnH ${sq(`sport = :${configValue("rspamdMilterPort", "port", d.rspamdMilterPort)}`)} | grep -q .`,
    },
  ];
  services.push(
    {
      name: "dovecot",
      debianUnit: "dovecot.service",
      startCommand: "/usr/sbin/dovecot",
      reloadCommand: "/usr/bin/doveadm reload",
      stopCommand: "/usr/bin/doveadm stop",
      runningCommand: pidFileRunning("/run/dovecot/master.pid"),
      configTest: `/usr/bin/doveconf -n -c ${sq(`${dv}/dovecot.conf`)} >/dev/null`,
    },
    {
      name: "nginx",
      debianUnit: "nginx.service",
      startCommand: "/usr/sbin/nginx -g 'daemon on; master_process on;'",
      reloadCommand: "/usr/sbin/nginx -g 'daemon on; master_process on;' -s reload",
      stopCommand: "start-stop-daemon --stop --quiet --oknodo --retry QUIT/5 --pidfile /run/nginx.pid",
      runningCommand: pidFileRunning("/run/nginx.pid"),
      configTest: "/usr/sbin/nginx -t -q",
    },
    {
      // postfix.service is Debian's umbrella; postfix@-.service runs the default instance.
      name: "postfix",
      debianUnit: "postfix.service",
      startCommand: "/usr/lib/postfix/configure-instance.sh - && /usr/sbin/postmulti -i - -p start",
      reloadCommand: "/usr/sbin/postmulti -i - -p reload",
      stopCommand: "/usr/sbin/postmulti -i - -p stop",
      runningCommand: "/usr/sbin/postfix status >/dev/null 2>&1",
      configTest: "/usr/sbin/postfix check",
    },
  );
  const postmapped = files.filter((f) => f.postmap).map((f) => f.path);
  return {
    files,
    packages: [
      "postfix",
      "dovecot-imapd",
      "dovecot-sieve",
      ...(inputs.doc.pop3s ? ["dovecot-pop3d"] : []),
      "rspamd",
      ...(greylisting ? ["redis-server"] : []),
      "nginx",
      ...(inputs.doc.delivery.mode === "relay" ? ["libsasl2-modules"] : []),
    ],
    users: [{ name: mailUser, group: mailGroup, home: mailRoot }],
    directories: [
      { path: mailRoot, mode: 0o750, owner: mailUser, group: mailGroup },
      {
        path: configValue("rspamdDkimDir", "path", d.rspamdDkimDir),
        mode: 0o750,
        owner: "_rspamd",
        group: "_rspamd",
      },
      { path: postwrightDir, mode: 0o755, owner: "root", group: "root" },
      { path: configValue("tlsDir", "path", d.tlsDir), mode: 0o755, owner: "root", group: "root" },
    ],
    services,
    postInstall: [
      ...postmapped.map((p) => ({
        description: `postmap ${p}`,
        command: `/usr/sbin/postmap ${sq(`hash:${p}`)}`,
        creates: [`${p}.db`],
      })),
      {
        description: `rspamd's controller password (made once, kept for Postwright in ${controllerPassword})`,
        command: `[ -s ${sq(controllerInclude)} ] || { p=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24) && h=$(/usr/bin/rspamadm pw -p "$p") && (umask 077 && printf '%s\\n' "$p" > ${sq(controllerPassword)}) && printf 'password = "%s";\\nenable_password = "%s";\\n' "$h" "$h" > ${sq(controllerInclude)} && chmod 0640 ${sq(controllerInclude)} && chgrp _rspamd ${sq(controllerInclude)}; }`,
        creates: [controllerInclude, controllerPassword],
      },
      {
        description: "Sieve: spam to Junk, compiled",
        command: `/usr/bin/sievec ${sq(sieve)}`,
        creates: [sieve.replace(/\.sieve$/, ".svbin")],
      },
      {
        description: `nginx serves mta-sts.${domain}`,
        command: `ln -sfn ${sq(nginxSite)} ${sq(nginxEnabled)}`,
        creates: [nginxEnabled],
      },
      {
        description: "aliases of local mail",
        command: `[ -e /etc/aliases ] || echo "postmaster: root" > /etc/aliases; /usr/bin/newaliases`,
        creates: ["/etc/aliases", "/etc/aliases.db"],
      },
    ],
    selfTest: {
      passwdFile: `${dv}/users`,
      mailboxMap: `${pf}/virtual_mailboxes`,
      senderLoginMap: `${pf}/sender_logins`,
      maildir: `${mailRoot}/%d/%n/Maildir`,
      submissionPort: 587,
      submissionsPort: 465,
      imapsPort: Number(configValue("imapsPort", "port", d.imapsPort)),
    },
  };
}
