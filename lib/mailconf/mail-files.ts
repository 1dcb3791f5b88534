import { configValue } from "./config-value";
import { renderDovecotConf } from "./dovecot-conf";
import { renderDovecotUsers } from "./dovecot-users";
import { deploymentOf, tlsPaths, type MailInputs } from "./mail-inputs";
import { renderMtaStsNginx, renderMtaStsPolicyFile } from "./mta-sts";
import { renderOpenDkim } from "./opendkim-conf";
import { renderPostfixMainCf } from "./postfix-main-cf";
import { renderPostfixMasterCf } from "./postfix-master-cf";
import { renderSaslPasswd, renderSenderLogins, renderVirtualAliases, renderVirtualMailboxes } from "./postfix-maps";

export type FileSyntax =
  "postfix" | "postfix-master" | "postfix-map" | "dovecot" | "opendkim" | "pem" | "nginx" | "text";

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
}

/** Every file of the mail host's configuration, in a stable order. */
export function renderMailFiles(inputs: MailInputs): MailFile[] {
  const d = deploymentOf(inputs);
  const pf = configValue("postfixDir", "path", d.postfixDir);
  const dv = configValue("dovecotDir", "path", d.dovecotDir);
  const dk = configValue("opendkimDir", "path", d.opendkimDir);
  const dkim = renderOpenDkim(inputs);
  const tls = tlsPaths(d);
  const sasl = renderSaslPasswd(inputs);
  const domain = configValue("domain", "hostname", inputs.doc.domain);
  const root = (path: string, content: string, syntax: FileSyntax, mode = 0o644, group = "root"): MailFile => ({
    path,
    content,
    mode,
    owner: "root",
    group,
    syntax,
  });

  const files: MailFile[] = [
    root(`${pf}/main.cf`, renderPostfixMainCf(inputs), "postfix"),
    root(`${pf}/master.cf`, renderPostfixMasterCf(), "postfix-master"),
    { ...root(`${pf}/virtual_mailboxes`, renderVirtualMailboxes(inputs), "postfix-map"), postmap: true },
    { ...root(`${pf}/virtual_aliases`, renderVirtualAliases(inputs), "postfix-map"), postmap: true },
    { ...root(`${pf}/sender_logins`, renderSenderLogins(inputs), "postfix-map"), postmap: true },
  ];
  if (sasl !== null) files.push({ ...root(`${pf}/sasl_passwd`, sasl, "postfix-map", 0o600), postmap: true });
  files.push(
    root(`${dv}/dovecot.conf`, renderDovecotConf(inputs), "dovecot"),
    root(`${dv}/users`, renderDovecotUsers(inputs), "text", 0o640, "dovecot"),
  );
  for (const instance of dkim) {
    files.push(
      root(instance.confPath, instance.conf, "opendkim"),
      root(`${instance.dir}/key.table`, instance.keyTable, "opendkim"),
      root(`${instance.dir}/signing.table`, instance.signingTable, "opendkim"),
      root(`${instance.dir}/trusted.hosts`, instance.trustedHosts, "opendkim"),
      ...instance.keys.map((k) => ({
        path: `${dk}/${k.path}`,
        content: k.pem,
        mode: 0o600,
        owner: "opendkim",
        group: "opendkim",
        syntax: "pem" as const,
        privateKey: true,
      })),
    );
    if (instance.systemdUnit) files.push(root(instance.systemdUnit.path, instance.systemdUnit.content, "text"));
  }
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
      `${configValue("nginxDir", "path", d.nginxDir)}/sites-available/mta-sts.${domain}.conf`,
      renderMtaStsNginx(inputs),
      "nginx",
    ),
  );
  return files;
}
