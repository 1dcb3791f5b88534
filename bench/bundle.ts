// Bundle generation: rendering every file (Postfix, Dovecot, rspamd, MTA-STS,
// zone file, README, install.sh) and packing the deterministic .tar.gz.
import { buildBundle, type BundleInputs } from "../lib/bundle/build-bundle";
import { buildDnsPlan } from "../lib/dns/plan";
import {
  dkimKeysFor,
  dkimPublicValue,
  mailInputs,
  selfSignedCertificate,
  setupDocument,
  type Variant,
} from "../test/mail/fixtures";
import { percentile, printTable } from "./lib";

const certificate = selfSignedCertificate(["mail.example.test", "mta-sts.example.test"]);
const rows = [];
for (const variant of ["direct-v6-both", "relay-465"] as Variant[]) {
  const doc = setupDocument(variant);
  const plan = buildDnsPlan(doc, {
    dkimKeys: dkimKeysFor(doc).map((k) => ({
      selector: k.selector,
      algorithm: k.algorithm,
      publicKey: dkimPublicValue(k),
      status: "active" as const,
    })),
  });
  const inputs: BundleInputs = {
    mail: mailInputs(variant, { doc, certificate }),
    plan,
    zoneSerial: 1,
    includePrivateKeys: true,
    renewal: null,
  };
  await buildBundle(inputs); // warm-up
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    size = (await buildBundle(inputs)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push({
    setup: variant,
    "archive (KiB)": (size / 1024).toFixed(1),
    "p50 (ms)": percentile(times, 50).toFixed(1),
    "p95 (ms)": percentile(times, 95).toFixed(1),
  });
}
printTable("Bundle generation (render + deterministic tar.gz), 30 runs each", rows);
