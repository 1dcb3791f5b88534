import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { renderMailFiles, renderMailHost, type MailFile } from "@/lib/mailconf/mail-files";
import type { MailInputs } from "@/lib/mailconf/mail-inputs";
import { rootedDeployment } from "@/test/mail/rooted-deployment";
import { readBundle } from "./bundle-files";
import { postfixAlternate } from "./postfix-alternate";
import { ensureLoopbackAddress, freePort, stopChild, waitFor } from "./ports";

export interface MailInstall {
  root: string;
  address: string;
  ports: {
    smtp: number;
    submission: number;
    submissions: number;
    imaps: number;
    pop3s: number;
    milter: number;
    controller: number;
    redis: number;
  };
  postfixDir: string;
  /** Maildir of a mailbox, e.g. maildir("bob@example.test") */
  maildir(address: string): string;
  /** Files delivered to a mailbox's new/ folder (or a subfolder's, e.g. "Junk") */
  delivered(address: string, folder?: string): string[];
  /** The password of rspamd's controller, as install.sh made it */
  controllerPassword(): string;
  logs(): string;
  stop(): Promise<void>;
}

/** Every test install lives below here (not /tmp: the daemons' users must reach it, as on a real box). */
export const INSTALL_BASE = "/var/lib/postwright-test";
/** rspamd compiles its Hyperscan databases once (about a minute) and reuses them from here. */
const RSPAMD_CACHE = `${INSTALL_BASE}/rspamd-hyperscan-cache`;

const run = (cmd: string, args: string[], opts: { allowFail?: boolean; daemon?: boolean } = {}) => {
  // A daemon keeps the descriptors it inherits: give it none, or the call waits for it.
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000, stdio: opts.daemon ? "ignore" : "pipe" });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
};

export interface InstallOptions {
  address: string;
  /**
   * The files as shipped (a downloaded bundle's, see bundle-files.ts): Postfix's
   * are installed from here instead of being rendered; `inputs` must render
   * the same files (the caller checks), for Dovecot's and rspamd's rooted copies.
   */
  shipped?: MailFile[];
  /** A bundle (.tar.gz bytes) whose Postfix files are installed, checked against its manifest's digests. */
  bundle?: Buffer;
  /** Where the relay named in the configuration really listens (a loopback address): relayhost and the sasl_passwd and tls_policy keys are rewritten to it (the certificate must still match the relay's name). */
  relayAt?: { host: string; port: number };
  /** The CA bundle (a file) in place of the system's, for a relay whose certificate a test CA signed */
  caFile?: string;
  /** A client allowed to speak for an Internet address with XCLIENT (see smtp-dialog.ts); test harness only */
  xclientFrom?: string;
  /** "ip:port" of the DNS server rspamd asks (the rig's BIND serving the test zones) */
  nameserver?: string;
}

/**
 * Installs rendered mail files on this machine with real Postfix, Dovecot and
 * rspamd, on `address` (loopback) and random ports. Postfix runs the
 * production main.cf/master.cf; only deployment values (listeners, roots, log
 * file, milter address) are rewritten, with `postconf -e` and `postconf -F`.
 * Dovecot and rspamd are rendered with their roots under the install root (rspamd runs
 * Debian's rspamd.conf with this install's local.d).
 * The mail files are owned by `nobody` (no vmail user is created here).
 */
export async function installMail(inputs: MailInputs, opts: InstallOptions): Promise<MailInstall> {
  const { address } = opts;
  ensureLoopbackAddress(address);
  const ports = {
    smtp: await freePort(address),
    submission: await freePort(address),
    submissions: await freePort(address),
    imaps: await freePort(address),
    pop3s: await freePort(address),
    milter: await freePort(address),
    controller: await freePort(address),
    redis: await freePort(address),
  };
  fs.mkdirSync(RSPAMD_CACHE, { recursive: true, mode: 0o755 });
  execFileSync("chown", ["_rspamd:_rspamd", RSPAMD_CACHE]);
  fs.chmodSync(INSTALL_BASE, 0o755);
  const root = path.join(INSTALL_BASE, randomBytes(6).toString("hex"));
  fs.mkdirSync(root, { mode: 0o755 });
  const deployment = rootedDeployment(root, {
    imapsAddress: address,
    imapsPort: ports.imaps,
    pop3sPort: ports.pop3s,
    rspamdAddress: address,
    rspamdMilterPort: ports.milter,
    rspamdControllerPort: ports.controller,
    rspamdNameservers: opts.nameserver ? [opts.nameserver] : undefined,
    rspamdCacheDir: RSPAMD_CACHE,
    redisAddress: address,
    redisPort: ports.redis,
    mailUser: "nobody",
    mailGroup: "nogroup",
  });
  const postfixDir = `${root}/etc/postfix`;
  const write = (f: MailFile, target: string) => {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, f.content, { mode: f.mode });
    fs.chmodSync(target, f.mode);
    execFileSync("chown", [`${f.owner}:${f.group}`, target]);
  };
  // Postfix: the production files, as shipped (from the bundle or the given files when there are).
  const production =
    opts.shipped ??
    (opts.bundle ? filesFromBundle(opts.bundle, root) : renderMailFiles({ ...inputs, deployment: undefined }));
  for (const f of production.filter((f) => f.path.startsWith("/etc/postfix/")))
    write(f, postfixDir + f.path.slice("/etc/postfix".length));
  // Everything else with its roots moved.
  for (const f of renderMailFiles({ ...inputs, deployment }).filter((f) => !f.path.startsWith(postfixDir)))
    write(f, f.path);

  const dirs = [
    "var/spool/postfix",
    "var/lib/postfix",
    "var/log",
    "run",
    "var/lib/dovecot",
    "run/dovecot",
    "var/mail/vhosts",
    "var/lib/rspamd",
    "run/rspamd",
    "var/log/rspamd",
    "var/lib/redis",
  ];
  for (const d of dirs) fs.mkdirSync(`${root}/${d}`, { recursive: true, mode: 0o755 });
  execFileSync("chown", ["postfix:postfix", `${root}/var/lib/postfix`]);
  execFileSync("chown", ["nobody:nogroup", `${root}/var/mail/vhosts`]);
  // Dovecot's LDA writes to the same log as the daemon, as the mail user (production logs to syslog).
  fs.writeFileSync(`${root}/var/log/dovecot.log`, "", { mode: 0o666 });
  fs.chmodSync(`${root}/var/log/dovecot.log`, 0o666);
  for (const d of ["var/lib/rspamd", "run/rspamd", "var/log/rspamd", "var/lib/rspamd/dkim"])
    execFileSync("chown", ["_rspamd:_rspamd", `${root}/${d}`]);
  execFileSync("chown", ["redis:redis", `${root}/var/lib/redis`]);
  // What install.sh runs once the files are there: rspamd's controller password, the compiled Sieve script.
  const host = renderMailHost({ ...inputs, deployment });
  for (const step of host.postInstall.filter((p) => /rspamadm|sievec/.test(p.command))) run("sh", ["-c", step.command]);

  const postconf = (...args: string[]) => run("postconf", ["-c", postfixDir, ...args]);
  const prod = (p: string) => p.replace(/(^|hash:)\/etc\//, `$1${root}/etc/`);
  const mainParams = new Map(
    postconf("-n")
      .trim()
      .split("\n")
      .map((l) => l.split(" = ") as [string, string]),
  );
  const moved = [
    "alias_maps",
    "alias_database",
    "virtual_mailbox_maps",
    "virtual_alias_maps",
    "smtpd_sender_login_maps",
    "smtp_sasl_password_maps",
    "smtpd_tls_cert_file",
    "smtpd_tls_key_file",
    "smtp_tls_policy_maps",
  ]
    .filter((k) => mainParams.has(k))
    .map((k) => `${k}=${prod(mainParams.get(k)!)}`);
  postconf(
    "-e",
    `queue_directory=${root}/var/spool/postfix`,
    `data_directory=${root}/var/lib/postfix`,
    `maillog_file=${root}/var/log/postfix.log`,
    `maillog_file_prefixes=${root}/var/log`,
    `inet_interfaces=${address}`,
    "inet_protocols=ipv4",
    `smtpd_milters=inet:${address}:${ports.milter}`,
    ...(opts.xclientFrom ? [`smtpd_authorized_xclient_hosts=${opts.xclientFrom}`] : []),
    ...(opts.caFile && mainParams.has("smtp_tls_CAfile") ? [`smtp_tls_CAfile=${opts.caFile}`] : []),
    ...moved,
  );
  // Deployment: Dovecot's LDA runs as this install's mail user and reads its dovecot.conf.
  const lda = postconf("-F", "dovecot/unix/command")
    .trim()
    .replace(/^dovecot\/unix\/command = /, "");
  postconf(
    "-F",
    `dovecot/unix/command=${lda
      .replace(/user=\S+/, `user=${deployment.mailUser}:${deployment.mailGroup}`)
      .replace("dovecot-lda ", `dovecot-lda -c ${root}/etc/dovecot/dovecot.conf `)}`,
  );
  postconf(
    "-F",
    `smtp/inet/service=${address}:${ports.smtp}`,
    `submission/inet/service=${address}:${ports.submission}`,
    `submissions/inet/service=${address}:${ports.submissions}`,
  );
  if (opts.relayAt && mainParams.has("relayhost")) {
    // Deployment only: the relay's name stands for a loopback address here.
    const named = mainParams.get("relayhost")!;
    const here = `[${opts.relayAt.host}]:${opts.relayAt.port}`;
    postconf("-e", `relayhost=${here}`);
    for (const map of [`${postfixDir}/sasl_passwd`, `${postfixDir}/tls_policy`])
      if (fs.existsSync(map))
        fs.writeFileSync(
          map,
          fs
            .readFileSync(map, "utf8")
            .split("\n")
            .map((l) => (l.startsWith(`${named} `) ? here + l.slice(named.length) : l))
            .join("\n"),
        );
  }
  for (const f of production.filter((f) => f.postmap))
    run("postmap", ["-c", postfixDir, `hash:${postfixDir}/${path.basename(f.path)}`]);
  // install.sh's "aliases of local mail" step, rooted: the aliases file a Debian box has, then newaliases.
  if (mainParams.get("alias_database")?.startsWith("hash:/etc/")) {
    fs.writeFileSync(`${root}/etc/aliases`, "postmaster: root\n");
    run("newaliases", ["-C", postfixDir]);
  }

  const alternate = postfixAlternate(postfixDir);
  const postfix = (args: string[], opts: { allowFail?: boolean } = {}) =>
    run(...alternate.command("postfix", ["-c", postfixDir, ...args]), opts);
  const started: (() => unknown)[] = [];
  const logs = () =>
    ["var/log/postfix.log", "var/log/dovecot.log", "var/log/rspamd/rspamd.log", "var/log/rspamd.out"]
      .map((f) => `--- ${f}\n${fs.existsSync(`${root}/${f}`) ? fs.readFileSync(`${root}/${f}`, "utf8") : ""}`)
      .join("\n");
  const stop = async () => {
    for (const s of started.reverse()) {
      try {
        await s();
      } catch {
        // keep stopping the others
      }
    }
    await waitFor("daemons to exit", () => !daemonsRunning(root) || undefined, 15_000).catch(() => undefined);
    alternate.release();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    postfix(["check"]);
    if (inputs.doc.inbound.greylisting) {
      const redis = spawnDaemon(
        "redis-server",
        [
          "--bind",
          address,
          "--port",
          String(ports.redis),
          "--dir",
          `${root}/var/lib/redis`,
          "--save",
          "",
          "--appendonly",
          "no",
          "--daemonize",
          "no",
          // Bound to a 127.x address other than 127.0.0.1, which Redis's protected mode does not count as loopback.
          "--protected-mode",
          "no",
        ],
        `${root}/var/log/redis.out`,
      );
      started.push(() => stopChild(redis));
      await waitFor("redis", () => portOpen(address, ports.redis));
    }
    // rspamd: Debian's rspamd.conf with this install's local.d (LOCAL_CONFDIR), in the foreground.
    const rspamdVars = [
      `--var=LOCAL_CONFDIR=${root}/etc/rspamd`,
      `--var=DBDIR=${root}/var/lib/rspamd`,
      `--var=RUNDIR=${root}/run/rspamd`,
      `--var=LOGDIR=${root}/var/log/rspamd`,
    ];
    run("rspamadm", [...rspamdVars, "configtest", "-c", "/etc/rspamd/rspamd.conf"]);
    const rspamd = spawnDaemon(
      "rspamd",
      ["-f", "-u", "_rspamd", "-g", "_rspamd", "-c", "/etc/rspamd/rspamd.conf", ...rspamdVars],
      `${root}/var/log/rspamd.out`,
    );
    started.push(() => stopChild(rspamd));
    await waitFor(
      "rspamd milter and controller",
      async () => (await portOpen(address, ports.milter)) && portOpen(address, ports.controller),
      180_000,
    );
    // Dovecot, before Postfix: it makes the auth socket in Postfix's private/.
    const doveConf = `${root}/etc/dovecot/dovecot.conf`;
    run("dovecot", ["-c", doveConf], { daemon: true });
    started.push(() => run("doveadm", ["-c", doveConf, "stop"], { allowFail: true }));
    await waitFor("dovecot sockets", () => fs.existsSync(`${root}/var/spool/postfix/private/auth`));
    // Postfix: under a pseudo-terminal so its fatal errors are not lost.
    // Under a pseudo-terminal so its fatal errors are not lost; output to a file,
    // because the daemon keeps its inherited descriptors and a pipe would never close.
    const startLog = `${root}/var/log/postfix-start.log`;
    const fd = fs.openSync(startLog, "w");
    spawnSync("script", ["-qc", alternate.shell("postfix", ["-c", postfixDir, "start"]), "/dev/null"], {
      stdio: ["ignore", fd, fd],
      timeout: 30_000,
    });
    fs.closeSync(fd);
    const out = fs.readFileSync(startLog, "utf8");
    started.push(() => postfix(["stop"], { allowFail: true }));
    await waitFor(
      `postfix on ${address}:${ports.submission} (${out})`,
      () => postfix(["status"], { allowFail: true }) !== undefined && portOpen(address, ports.submission),
    );
    await waitFor("dovecot imaps", () => portOpen(address, ports.imaps));
  } catch (e) {
    const text = logs();
    await stop();
    throw new Error(`${(e as Error).message}\n${text}`);
  }
  const maildir = (a: string) => `${root}/var/mail/vhosts/${a.split("@")[1]}/${a.split("@")[0]}/Maildir`;
  return {
    root,
    address,
    ports,
    postfixDir,
    maildir,
    delivered: (a, folder) => {
      const dir = `${maildir(a)}${folder ? `/.${folder}` : ""}/new`;
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => `${dir}/${f}`) : [];
    },
    controllerPassword: () => fs.readFileSync(`${root}/etc/postwright/rspamd-controller.password`, "utf8").trim(),
    logs,
    stop,
  };
}

/** A daemon in the foreground, its output to a file, killed with the test process if that dies first. */
function spawnDaemon(cmd: string, args: string[], logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  child.once("exit", () => process.off("exit", orphan));
  return child;
}

function portOpen(host: string, port: number): Promise<boolean | undefined> {
  return import("node:net").then(
    (net) =>
      new Promise((resolve) => {
        const s = net.connect(port, host, () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(undefined));
      }),
  );
}

/**
 * The files of a bundle (lib/bundle) with the owners and modes of its
 * manifest, after checking each one's SHA-256: what install.sh would write.
 */
function filesFromBundle(bundle: Buffer, root: string): MailFile[] {
  fs.writeFileSync(`${root}/bundle.tar.gz`, bundle);
  return readBundle(`${root}/bundle.tar.gz`).files;
}

/** Whether a live (not zombie) process still has `root` in its command line. */
function daemonsRunning(root: string): boolean {
  return fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .some((p) => {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
        if (/\) Z /.test(stat)) return false;
        return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(root);
      } catch {
        return false;
      }
    });
}
