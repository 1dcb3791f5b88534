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
  /**
   * Runs a command in the bundle folder on a terminal (a pseudo-terminal, as sudo from an SSH
   * session gives), typing each answer once its prompt has appeared, as a person does.
   */
  runTyping(command: string, answers: { after: string; type: string }[]): ReturnType<World["sh"]>;
}

// Drives a command on a pseudo-terminal: waits for each prompt, then types its answer (never before: a
// line typed before install.sh turns echo off would be echoed). Answers come from a file, not argv.
const TYPIST_PY = String.raw`
import json, os, pty, select, sys
answers = json.load(open(sys.argv[2]))
pid, fd = pty.fork()
if pid == 0:
    os.execvp("bash", ["bash", "-c", sys.argv[1]])
seen, at = b"", 0
while True:
    if not select.select([fd], [], [], 300)[0]:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    seen += data
    while answers and answers[0]["after"].encode() in seen[at:]:
        at = seen.index(answers[0]["after"].encode(), at) + len(answers[0]["after"])
        os.write(fd, answers.pop(0)["type"].encode() + b"\n")
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

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
    runTyping(command, answers) {
      fs.writeFileSync(`${world.dir}/in/typist.py`, TYPIST_PY);
      fs.writeFileSync(`${world.dir}/in/answers.json`, JSON.stringify(answers), { mode: 0o600 });
      return world.sh(
        `cd ${folder} && /usr/bin/python3 /run/world/in/typist.py ${shellQuote(command)} /run/world/in/answers.json; s=$?; rm -f /run/world/in/answers.json; exit $s`,
      );
    },
  };
}
