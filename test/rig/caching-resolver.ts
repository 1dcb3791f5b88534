import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureLoopbackAddress, freePort, waitFor, stopChild } from "./ports";

/**
 * A caching BIND resolver on loopback that forwards every question to
 * `forwarders` (the rig's servers) and keeps answers for their TTL, as an
 * ISP's resolver does: what the propagation view is about.
 */
export async function startCachingResolver(opts: {
  address: string;
  forwarders: { host: string; port: number }[];
}): Promise<{ address: string; port: number; stop(): Promise<void> }> {
  ensureLoopbackAddress(opts.address);
  const port = await freePort(opts.address);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-resolver-"));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(
    path.join(dir, "named.conf"),
    `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  listen-on port ${port} { ${opts.address}; };
  listen-on-v6 { none; };
  recursion yes;
  allow-recursion { any; };
  forward only;
  forwarders { ${opts.forwarders.map((f) => `${f.host} port ${f.port};`).join(" ")} };
  dnssec-validation no;
  qname-minimization off;
};
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
    `caching named on ${opts.address}:${port}`,
    () => {
      if (child.exitCode !== null) throw new Error(`named exited: ${stderr.slice(-2000)}`);
      return stderr.includes("running") ? true : undefined;
    },
    15_000,
  );
  return {
    address: opts.address,
    port,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
