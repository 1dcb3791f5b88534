import type { DnsPlan } from "@/lib/dns/plan";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { configValue } from "@/lib/mailconf/config-value";
import { renderMailHost, type MailFile } from "@/lib/mailconf/mail-files";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { acmeContact, acmeDirectoryUrl, bundleName, certificateNames } from "@/lib/setup/derived";
import { archivePath, bundleManifest } from "./bundle-manifest";
import { renderBundleReadme } from "./bundle-readme";
import { installerPackages, renderInstallScript, type CertbotPlan, type RenewalInput } from "./install-script";
import { deterministicTarGz, type TarEntry } from "./tar-gz";

export interface BundleInputs {
  mail: MailInputs;
  plan: DnsPlan;
  /** The zone file's SOA serial (e.g. from the setup's version), so the bytes stay the same for the same setup */
  zoneSerial: number;
  includePrivateKeys: boolean;
  renewal:
    (RenewalInput & { rfc2136?: { server: string; keyName: string; algorithm: string; secret: string | null } }) | null;
}

/** certbot's credentials for RFC 2136 renewal (the TSIG secret is a private key of sorts). */
function rfc2136Credentials(r: NonNullable<BundleInputs["renewal"]>): MailFile | null {
  if (r.method !== "dns-01-rfc2136" || !r.rfc2136?.secret) return null;
  const [host, port] = r.rfc2136.server.split(/:(?=\d+$)/);
  const content = [
    `dns_rfc2136_server = ${/^[\d.]+$/.test(host) ? configValue("rfc2136.server", "ipv4", host) : configValue("rfc2136.server", "hostname", host)}`,
    `dns_rfc2136_port = ${configValue("rfc2136.port", "port", port ?? "53")}`,
    `dns_rfc2136_name = ${configValue("rfc2136.keyName", "hostname", r.rfc2136.keyName.replace(/\.$/, "").includes(".") ? r.rfc2136.keyName.replace(/\.$/, "") : `${r.rfc2136.keyName}.key`)}`,
    `dns_rfc2136_secret = ${configValue("rfc2136.secret", "secret", r.rfc2136.secret)}`,
    `dns_rfc2136_algorithm = ${r.rfc2136.algorithm.toUpperCase().replace(/[^A-Z0-9-]/g, "")}`,
    "",
  ].join("\n");
  return {
    path: "/etc/postwright/rfc2136.ini",
    content,
    mode: 0o600,
    owner: "root",
    group: "root",
    syntax: "text",
    privateKey: true,
  };
}

/**
 * How install.sh gets or renews the certificate with certbot: as Postwright got
 * it (same CA, HTTP-01 or the RFC 2136 key); when the bundle has no certificate
 * and no renewal plan, HTTP-01 on port 80 with the setup's CA, as the Bundle
 * page says. null: the bundle's certificate stays and is renewed in Postwright.
 */
export function certbotPlan(inputs: BundleInputs): CertbotPlan | null {
  const r = inputs.renewal;
  if (r && r.method === "dns-01-rfc2136" && r.rfc2136?.secret) return { ...r, method: "dns-01-rfc2136" };
  if (r && r.method === "http-01") return { ...r, method: "http-01" };
  if (inputs.mail.certificate) return null;
  const { doc } = inputs.mail;
  return {
    method: "http-01",
    directoryUrl: acmeDirectoryUrl(doc),
    email: acmeContact(doc),
    // Every name the DNS plan points at this host and nginx serves over HTTPS, as the wizard's certificate.
    names: certificateNames(doc),
  };
}

/**
 * The bundle: files at their target paths below files/, install.sh, README.md,
 * manifest.json and the zone file, in one deterministic .tar.gz.
 */
export async function buildBundle(inputs: BundleInputs): Promise<Buffer> {
  const { doc } = inputs.mail;
  const domain = configValue("domain", "hostname", doc.domain);
  const credentials = inputs.renewal ? rfc2136Credentials(inputs.renewal) : null;
  const rendered = renderMailHost(inputs.mail);
  const host = { ...rendered, files: [...rendered.files, ...(credentials ? [credentials] : [])] };
  const files = host.files;
  const manifest = bundleManifest(files, inputs.includePrivateKeys);
  const certbot = certbotPlan(inputs);
  const root = bundleName(domain);
  const entries: TarEntry[] = [
    {
      path: `${root}/README.md`,
      content: renderBundleReadme(inputs.mail, inputs.plan.records, manifest, inputs.includePrivateKeys, {
        packages: [...host.packages, ...installerPackages(certbot)],
        services: host.services.map((s) => s.name),
        certbot,
      }),
      mode: 0o644,
    },
    {
      path: `${root}/install.sh`,
      content: renderInstallScript(inputs.mail, host, {
        includePrivateKeys: inputs.includePrivateKeys,
        certbot,
      }),
      mode: 0o755,
    },
    {
      path: `${root}/uninstall.sh`,
      content: `#!/bin/sh\n# Puts back what was there before Postwright (the files, owners and modes install.sh saved).\nexec "$(dirname "$0")/install.sh" --uninstall "$@"\n`,
      mode: 0o755,
    },
    {
      path: `${root}/manifest.json`,
      content: `${JSON.stringify({ domain, hostname: doc.hostname, includePrivateKeys: inputs.includePrivateKeys, files: manifest }, null, 2)}\n`,
      mode: 0o644,
    },
    {
      path: `${root}/dns/${domain}.zone`,
      content: renderZoneFile(inputs.plan.records, { origin: domain, serial: inputs.zoneSerial }),
      mode: 0o644,
    },
    ...files
      .filter((f) => inputs.includePrivateKeys || !f.privateKey)
      .map((f) => ({
        path: `${root}/${archivePath(f.path)}`,
        content: f.content,
        mode: f.privateKey || !(f.mode & 0o004) ? 0o600 : 0o644,
      })),
  ];
  return deterministicTarGz(entries);
}
