import { productionDeployment, type MailDeployment } from "@/lib/mailconf/mail-inputs";

/** The production deployment with every filesystem root moved below `root`. */
export function rootedDeployment(root: string, extra: Partial<MailDeployment> = {}): Partial<MailDeployment> {
  const p = productionDeployment;
  return {
    postfixDir: root + p.postfixDir,
    postfixQueueDir: root + p.postfixQueueDir,
    dovecotDir: root + p.dovecotDir,
    dovecotBaseDir: `${root}/run/dovecot`,
    dovecotStateDir: `${root}/var/lib/dovecot`,
    dovecotLogPath: `${root}/var/log/dovecot.log`,
    mailRoot: root + p.mailRoot,
    sieveDir: root + p.sieveDir,
    rspamdDir: root + p.rspamdDir,
    rspamdDkimDir: root + p.rspamdDkimDir,
    rspamdPidFile: `${root}/run/rspamd/rspamd.pid`,
    tlsDir: root + p.tlsDir,
    postwrightDir: root + p.postwrightDir,
    mtaStsRoot: root + p.mtaStsRoot,
    autoconfigRoot: root + p.autoconfigRoot,
    nginxDir: root + p.nginxDir,
    systemdDir: root + p.systemdDir,
    ...extra,
  };
}
