import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, stopChild, waitFor } from "./ports";

export interface RspamdServer {
  /** The controller's URL (what the bundle's box exposes on 127.0.0.1:11334). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Debian's rspamd with its stock rules, on loopback ports of this test, with
 * its own run, log and config-override folders. The compiled Hyperscan
 * databases go to one cache folder shared by every run: the first start
 * compiles them (about 80 s on 2 cores), later ones load them (a few seconds).
 * DNS points at a closed loopback port, so network rules fail fast instead of waiting.
 */
export async function startRspamd(): Promise<RspamdServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-rspamd-"));
  const cache = path.join(os.tmpdir(), "postwright-rspamd-hs-cache");
  fs.mkdirSync(cache, { recursive: true });
  for (const d of [dir, cache]) fs.chmodSync(d, 0o777);
  const [controller, normal, proxy] = [await freePort(), await freePort(), await freePort()];
  const local = path.join(dir, "local.d");
  fs.mkdirSync(local);
  fs.mkdirSync(path.join(dir, "run"));
  const files: Record<string, string> = {
    "worker-controller.inc": `bind_socket = "127.0.0.1:${controller}";\n`,
    "worker-normal.inc": `bind_socket = "127.0.0.1:${normal}";\n`,
    "worker-proxy.inc": `bind_socket = "127.0.0.1:${proxy}";\n`,
    "logging.inc": `type = "file";\nfilename = "${dir}/rspamd.log";\nlevel = "warning";\n`,
    "options.inc": `dns { nameserver = ["127.0.0.1:1"]; timeout = 0.3s; retransmits = 1; }\n`,
  };
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(local, f), text);
  fs.chmodSync(path.join(dir, "run"), 0o777);
  const child: ChildProcess = spawn(
    "rspamd",
    [
      "-f",
      "-u",
      "_rspamd",
      "-g",
      "_rspamd",
      "-c",
      "/etc/rspamd/rspamd.conf",
      `--var=LOCAL_CONFDIR=${dir}`,
      `--var=DBDIR=${cache}`,
      `--var=RUNDIR=${dir}/run`,
      `--var=LOGDIR=${dir}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${controller}`;
  await waitFor(
    `rspamd controller on ${url} (log: ${dir}/rspamd.log)`,
    async () => {
      if (child.exitCode !== null) throw new Error(`rspamd exited: ${stderr.slice(-2000)}`);
      return (await fetch(`${url}/ping`).catch(() => null))?.ok ? true : undefined;
    },
    240_000,
  );
  return {
    url,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
