import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { LAN_ADDRESS } from "./lan";

const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, LAN_ADDRESS, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type Env = Record<string, string | undefined>;

export interface TestServer {
  /** https://LAN-ADDRESS:PORT — the way a user on the LAN reaches the wizard */
  url: string;
  /** the LAN address it listens on */
  host: string;
  port: number;
  dataDir: string;
  env: Env;
  /** The server process's id (for memory readings). */
  pid(): number | undefined;
  /** Everything the server printed since it last started. */
  output(): string;
  /** The one-time setup link printed at start, if any. */
  setupLink(): string | undefined;
  restart(): Promise<void>;
  /** kill -9, as a crash would. */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs the CLI against this server's database. */
  cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
}

/**
 * A production server (scripts/serve.mjs, what `npm start` runs, on the existing
 * build) over HTTPS on the LAN address and a free port, with its own database in
 * a fresh folder, migrated as `npm start` does. Its data folder is given the
 * run's private CA (e2e/global-setup.ts); the server makes its own key and
 * certificate with it, for its own names and addresses. `nodeArgs`: Node's own
 * flags (the load bench gives those of `npm start`).
 */
export async function startServer(extraEnv: Env = {}, nodeArgs: string[] = []): Promise<TestServer> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npx next build` first");
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-e2e-"));
  const caDir = process.env.POSTWRIGHT_E2E_CA_DIR;
  if (!caDir) throw new Error("no e2e CA: run the suite through playwright.config.ts (its global setup makes one)");
  for (const f of ["https-ca.key", "https-ca.crt"]) fs.copyFileSync(path.join(caDir, f), path.join(dataDir, f));
  const env: Env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${path.join(dataDir, "postwright.db")}`,
    PORT: String(port),
    HOST: LAN_ADDRESS,
    // Tests hit only this machine: every Internet default is aimed at the discard
    // port on loopback, and the timers that would reach out on their own are off.
    // A test that needs a target (the rig's BIND, Pebble…) overrides these.
    POSTWRIGHT_RESOLVER: "127.0.0.1:9",
    POSTWRIGHT_ECHO: "myip.invalid/A@127.0.0.1:9",
    POSTWRIGHT_DNSBL: "dnsbl.invalid",
    POSTWRIGHT_PORT25_PROBES: "127.0.0.1:9",
    POSTWRIGHT_DNS_SERVERS: "127.0.0.1:9",
    POSTWRIGHT_ACME_DIRECTORY: "https://127.0.0.1:9/directory",
    POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "0",
    POSTWRIGHT_RENEWAL_INTERVAL_MINUTES: "0",
    ...extraEnv,
  };
  const { prepareDatabase } = await import("../scripts/prepare-db.mjs");
  await prepareDatabase(env as NodeJS.ProcessEnv);

  let child: ChildProcess | undefined;
  let out = "";
  const server: TestServer = {
    url: `https://${LAN_ADDRESS}:${port}`,
    host: LAN_ADDRESS,
    port,
    dataDir,
    env,
    output: () => out,
    pid: () => child?.pid,
    setupLink: () => out.match(/https?:\/\/localhost:\d+(\/setup\/[\w-]+)/)?.[1],
    async start() {
      out = "";
      const proc = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts", "serve.mjs")], {
        cwd: root,
        env: env as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = proc;
      proc.stdout!.on("data", (d) => (out += d));
      proc.stderr!.on("data", (d) => (out += d));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) throw new Error(`server exited (code ${proc.exitCode}):\n${out}`);
        try {
          const r = await fetch(`${server.url}/login`, { redirect: "manual" });
          // instrumentation has run once a request is answered
          if (r.status < 500) return;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server did not start:\n${out}`);
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
    async crash() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    cli(args, input) {
      const r = spawnSync(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
        cwd: root,
        env: env as NodeJS.ProcessEnv,
        input,
        encoding: "utf8",
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
  await server.start();
  return server;
}
