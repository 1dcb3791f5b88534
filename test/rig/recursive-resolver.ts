import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureLoopbackAddress, stopChild, waitFor } from "./ports";

/**
 * A recursive BIND on loopback that resolves from its own root (hints naming
 * the rig's root server), iterating through referrals, glue, CNAMEs and
 * classless delegations as an ISP's resolver does. `port` is BIND's `port`
 * option: the port it listens on and the one it asks every other server on,
 * so a whole DNS tree lives on one unprivileged port.
 */
export async function startRecursiveResolver(opts: {
  address: string;
  port: number;
  root: { name: string; address: string };
  /** How long the resolver itself keeps trying a silent server (ms, BIND's resolver-query-timeout). */
  queryTimeoutMs?: number;
}): Promise<{ address: string; port: number; stop(): Promise<void> }> {
  ensureLoopbackAddress(opts.address);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-recursive-"));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(
    path.join(dir, "root.hints"),
    `. 3600000 IN NS ${opts.root.name}.\n${opts.root.name}. 3600000 IN A ${opts.root.address}\n`,
  );
  fs.writeFileSync(
    path.join(dir, "named.conf"),
    `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  port ${opts.port};
  listen-on { ${opts.address}; };
  listen-on-v6 { none; };
  recursion yes;
  allow-recursion { any; };
  dnssec-validation no;
  qname-minimization off;
  // The documentation ranges' reverse zones are the rig's, not BIND's built-in empty ones.
  empty-zones-enable no;
  max-cache-size 32m;
  resolver-query-timeout ${opts.queryTimeoutMs ?? 10_000};
};
zone "." { type hint; file "${dir}/root.hints"; };
controls { };
`,
  );
  execFileSync("chown", ["-R", "bind:bind", dir]);
  const child = spawn("named", ["-g", "-c", path.join(dir, "named.conf"), "-u", "bind"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  await waitFor(
    `recursive named on ${opts.address}:${opts.port}`,
    () => {
      if (child.exitCode !== null) throw new Error(`named exited: ${stderr.slice(-2000)}`);
      return /\srunning\r?$/m.test(stderr) ? true : undefined;
    },
    15_000,
  );
  return {
    address: opts.address,
    port: opts.port,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
