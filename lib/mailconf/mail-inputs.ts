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
 * files, Dovecot's and OpenDKIM's by rendering with another deployment).
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
  opendkimConf: string;
  opendkimDir: string;
  opendkimPidFile: string;
  milterAddress: string;
  /** OpenDKIM for RSA signatures, and a second one for Ed25519 */
  milterPort: number;
  milterPortEd25519: number;
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
  opendkimConf: "/etc/opendkim.conf",
  opendkimDir: "/etc/opendkim",
  opendkimPidFile: "/run/opendkim/opendkim.pid",
  milterAddress: "127.0.0.1",
  milterPort: 8891,
  milterPortEd25519: 8892,
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
}

export function deploymentOf(inputs: MailInputs): MailDeployment {
  return { ...productionDeployment, ...inputs.deployment };
}

export function tlsPaths(d: MailDeployment) {
  return { fullchain: `${d.tlsDir}/fullchain.pem`, privkey: `${d.tlsDir}/privkey.pem` };
}
