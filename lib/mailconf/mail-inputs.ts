import type { SetupDocument } from "@/lib/setup/schema";

export interface DkimKeyInput {
  selector: string;
  algorithm: "rsa-2048" | "ed25519";
  privateKeyPem: string;
}

export interface MailboxInput {
  address: string;
  /** bcrypt "$2b$…", used by Dovecot as {BLF-CRYPT} */
  passwordHash: string;
}

/**
 * Where things live on the mail host. The production values are the default;
 * only a test may move them (Postfix's through `postconf -e/-P` on the rendered
 * files, Dovecot's and rspamd's by rendering with another deployment).
 * Nothing here changes what the configuration allows or refuses.
 */
export interface MailDeployment {
  postfixDir: string;
  /** Postfix queue_directory: the Dovecot sockets for Postfix live in its private/ */
  postfixQueueDir: string;
  dovecotDir: string;
  /** Dovecot base_dir, state_dir and log_path; undefined keeps Dovecot's defaults */
  dovecotBaseDir?: string;
  dovecotStateDir?: string;
  dovecotLogPath?: string;
  /** undefined: every address Dovecot listens on */
  imapsAddress?: string;
  imapsPort: number;
  mailRoot: string;
  /** The owner of the Maildirs */
  mailUser: string;
  mailGroup: string;
  /** POP3S listener, when the setup offers it */
  pop3sPort: number;
  /** Dovecot's global Sieve scripts (spam to Junk) */
  sieveDir: string;
  /** rspamd: its configuration folder (the files go to local.d/), DKIM keys, pid file */
  rspamdDir: string;
  rspamdDkimDir: string;
  rspamdPidFile: string;
  /** Where rspamd's milter (proxy worker) and controller listen: loopback only */
  rspamdAddress: string;
  rspamdMilterPort: number;
  rspamdControllerPort: number;
  /** Addresses rspamd treats as this machine (local mail is signed, not judged) */
  rspamdLocalAddrs: string[];
  /** Resolvers rspamd asks ("ip:port"); undefined: the system's (/etc/resolv.conf) */
  rspamdNameservers?: string[];
  /** Folder of rspamd's compiled Hyperscan databases; undefined: rspamd's own (its database folder) */
  rspamdCacheDir?: string;
  /** Redis for greylisting */
  redisAddress: string;
  redisPort: number;
  /** Postwright's own folder on the host (the rspamd controller's password is kept there) */
  postwrightDir: string;
  /** The CA bundle the relay's certificate is checked against */
  caFile: string;
  /** Where install.sh puts the certificate (the renewal hook copies it there) */
  tlsDir: string;
  mtaStsRoot: string;
  /** Web root of autoconfig.DOMAIN and autodiscover.DOMAIN (Thunderbird, Outlook) */
  autoconfigRoot: string;
  nginxDir: string;
  systemdDir: string;
}

export const productionDeployment: MailDeployment = {
  postfixDir: "/etc/postfix",
  postfixQueueDir: "/var/spool/postfix",
  dovecotDir: "/etc/dovecot",
  imapsPort: 993,
  mailRoot: "/var/mail/vhosts",
  mailUser: "vmail",
  mailGroup: "vmail",
  pop3sPort: 995,
  sieveDir: "/etc/dovecot/sieve",
  rspamdDir: "/etc/rspamd",
  rspamdDkimDir: "/var/lib/rspamd/dkim",
  rspamdPidFile: "/run/rspamd/rspamd.pid",
  rspamdAddress: "127.0.0.1",
  rspamdMilterPort: 11332,
  rspamdControllerPort: 11334,
  rspamdLocalAddrs: ["127.0.0.0/8", "::1"],
  redisAddress: "127.0.0.1",
  redisPort: 6379,
  postwrightDir: "/etc/postwright",
  caFile: "/etc/ssl/certs/ca-certificates.crt",
  tlsDir: "/etc/postwright/tls",
  mtaStsRoot: "/var/www/mta-sts",
  autoconfigRoot: "/var/www/autoconfig",
  nginxDir: "/etc/nginx",
  systemdDir: "/etc/systemd/system",
};

export interface MailInputs {
  doc: SetupDocument;
  dkimKeys: DkimKeyInput[];
  mailboxes: MailboxInput[];
  relayPassword?: string;
  /** When absent, main.cf and Dovecot still point at tlsDir: install.sh obtains one there. */
  certificate?: { chainPem: string; privateKeyPem: string };
  deployment?: Partial<MailDeployment>;
  /** The keys and hashes are placeholders (a preview): key files are rendered without conversion */
  secretsHidden?: boolean;
}

export function deploymentOf(inputs: MailInputs): MailDeployment {
  return { ...productionDeployment, ...inputs.deployment };
}

export function tlsPaths(d: MailDeployment) {
  return { fullchain: `${d.tlsDir}/fullchain.pem`, privkey: `${d.tlsDir}/privkey.pem` };
}
