import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChecksRig, type ChecksRig } from "../test/rig/checks-rig";
import { test as base } from "./fixtures";

/**
 * The e2e `test` with the checks rig (real BIND serving the domain, blocklists,
 * echo, a TLS test CA) and a server aimed at it through the POSTWRIGHT_* variables.
 */
export function testWithChecksRig(extraEnv: Record<string, string> = {}) {
  return base.extend<{ rig: ChecksRig }>({
    rig: async ({}, use) => {
      const rig = await startChecksRig({ net: "127.0.12" });
      await use(rig);
      await rig.stop();
    },
    serverEnv: async ({ rig }, use) => {
      const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-rig-ca-")), "ca.pem");
      fs.writeFileSync(ca, rig.deps.tlsCa!.join("\n"));
      await use({ ...rig.env(), NODE_EXTRA_CA_CERTS: ca, ...extraEnv });
    },
  });
}
