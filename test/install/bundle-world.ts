import fs from "node:fs";
import { buildBundle, type BundleInputs } from "@/lib/bundle/build-bundle";
import { bundleName } from "@/lib/setup/derived";
import { buildDnsPlan } from "@/lib/dns/plan";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { renderMailFiles } from "@/lib/mailconf/mail-files";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { dkimKeysFor, dkimPublicValue, mailInputs, selfSignedCertificate, type Variant } from "@/test/mail/fixtures";
import { startWorld, type World } from "@/test/rig/namespace";

export interface BundleWorld {
  world: World;
  inputs: MailInputs;
  /** The bundle folder inside the world, e.g. /root/postwright-example.test */
  folder: string;
  /** The bundle as downloaded */
  bundle: Buffer;
  /** Where the private files left out of a bundle without keys are, inside the world (a --keys DIR) */
  keysDir: string;
  /** Runs a command in the bundle folder inside the world */
  run(command: string, env?: Record<string, string>): ReturnType<World["sh"]>;
}

/**
 * A world serving the bundle's zone, with the downloaded bundle (.tar.gz)
 * unpacked in /root by tar, as a user does after copying it to the box.
 */
export async function bundleWorld(
  variant: Variant,
  opts: {
    certificate?: boolean;
    includePrivateKeys?: boolean;
    renewal?: BundleInputs["renewal"];
    mail?: Partial<MailInputs>;
  } = {},
): Promise<BundleWorld> {
  const base = mailInputs(variant, opts.mail);
  const doc = base.doc;
  const keys = dkimKeysFor(doc);
  const plan = buildDnsPlan(doc, {
    dkimKeys: keys.map((k) => ({
      selector: k.selector,
      algorithm: k.algorithm,
      publicKey: dkimPublicValue(k),
      status: "active" as const,
    })),
  });
  const inputs: MailInputs = {
    ...base,
    ...(opts.certificate === false
      ? {}
      : {
          certificate: selfSignedCertificate([
            doc.hostname,
            `mta-sts.${doc.domain}`,
            `autoconfig.${doc.domain}`,
            `autodiscover.${doc.domain}`,
          ]),
        }),
  };
  const bundle = await buildBundle({
    mail: inputs,
    plan,
    zoneSerial: 1,
    includePrivateKeys: opts.includePrivateKeys ?? true,
    renewal: opts.renewal ?? null,
  });
  const world = await startWorld({
    hostname: doc.hostname,
    addresses: [doc.ipv4, doc.ipv6].filter((a): a is string => Boolean(a)),
    zones: [{ name: doc.domain, text: renderZoneFile(plan.records, { origin: doc.domain, serial: 1 }) }],
  });
  fs.mkdirSync(`${world.dir}/in`);
  fs.writeFileSync(`${world.dir}/in/bundle.tar.gz`, bundle);
  const unpacked = await world.sh("tar -xzf /run/world/in/bundle.tar.gz -C /root");
  if (unpacked.code !== 0) throw new Error(unpacked.output);
  const folder = `/root/${bundleName(doc.domain)}`;
  // What a user keeps aside when downloading without private keys: the key files (not the relay password).
  for (const f of renderMailFiles(inputs).filter((f) => f.privateKey && !f.ask)) {
    fs.mkdirSync(`${world.dir}/keys${f.path.slice(0, f.path.lastIndexOf("/"))}`, { recursive: true });
    fs.writeFileSync(`${world.dir}/keys${f.path}`, f.content, { mode: 0o600 });
  }
  return {
    world,
    inputs,
    folder,
    bundle,
    keysDir: "/run/world/keys",
    run: (command, env) => world.sh(`cd ${folder} && ${command}`, { env }),
  };
}
