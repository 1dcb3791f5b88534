import type { MailFile } from "./mail-files";

/**
 * A daemon of the mail host. With systemd as PID 1, install.sh drives
 * `debianUnit` with systemctl; without it (containers, WSL, chroots) it runs
 * the commands below, which do what the Debian unit's ExecStartPre/ExecStart,
 * ExecReload and ExecStop do. Every command is a shell line whose values
 * passed the mailconf guard.
 */
export interface MailService {
  /** Debian's name for it, e.g. "postfix" */
  name: string;
  /** The systemd unit, e.g. "postfix.service" */
  debianUnit: string;
  startCommand: string;
  reloadCommand: string;
  stopCommand: string;
  /** Exits 0 while the daemon runs */
  runningCommand: string;
  /** Checks the configuration without starting anything; null when the daemon has no such check */
  configTest: string | null;
  /**
   * Exits 0 once the daemon takes work (its sockets listen); install.sh waits for it
   * after a start (rspamd compiles its rules for up to a minute on a first start,
   * and Postfix defers mail while its milter is not there). Absent: running is ready.
   */
  readyCommand?: string;
  /** A unit of Postwright's own (not shipped by a package): install.sh enables it, uninstall disables it */
  ownUnit?: boolean;
}

/** A command install.sh runs once the files are written, before the configuration checks. */
export interface MailPostInstall {
  description: string;
  command: string;
  /** What the command makes or replaces: install.sh saves these first, so rollback and uninstall put them back */
  creates: string[];
}

/** A system user (and its group, of the same name) the configuration runs as. */
export interface MailSystemUser {
  name: string;
  group: string;
  home: string;
}

export interface MailDirectory {
  path: string;
  mode: number;
  owner: string;
  group: string;
}

/**
 * Where install.sh adds a throwaway mailbox for its self-test (then restores
 * the files): a message submitted on 587 must land in its Maildir, signed.
 */
export interface MailSelfTest {
  /** Dovecot passwd-file: `address:{SCHEME}hash::::::` lines */
  passwdFile: string;
  /** Postfix map of mailboxes (`address OK`), compiled with postmap */
  mailboxMap: string;
  /** Postfix smtpd_sender_login_maps (`address login`), compiled with postmap */
  senderLoginMap: string;
  /** Maildir of a mailbox, with %d (domain) and %n (local part) */
  maildir: string;
  submissionPort: number;
  submissionsPort: number;
  imapsPort: number;
}

/**
 * Everything the mail host needs, as rendered from the setup: the files and
 * what install.sh must do around them. install.sh learns the packages,
 * services and commands from here, never from a list of its own.
 */
export interface MailHost {
  files: MailFile[];
  /** Debian packages, installed when missing */
  packages: string[];
  users: MailSystemUser[];
  /** Made before the files are written (install -d), in order */
  directories: MailDirectory[];
  /** In start order: each one's sockets are there before the next starts (Postfix last) */
  services: MailService[];
  postInstall: MailPostInstall[];
  selfTest: MailSelfTest;
}
