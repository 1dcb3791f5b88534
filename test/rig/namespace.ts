import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitFor } from "./ports";

/**
 * A private world to run a downloaded bundle's own install.sh in, as root,
 * without touching this machine (see ../shared/docs/test-rig.md): mount, net,
 * pid, uts and ipc namespaces; overlays on /etc /var /usr /root /home /opt /srv
 * (the host's trees as lower dirs: what scripts/install-rig.sh installed is
 * "already present"); a private copy of Postfix's spool; tmpfs /run and /tmp;
 * a private /dev whose /dev/log is a syslog receiver; loopback up with the
 * setup's documentation addresses; BIND on 127.0.0.1 serving the bundle's zone
 * and /etc/resolv.conf pointed at it. No systemd is PID 1 there (a reaper is),
 * and there is no network: apt-get cannot download.
 */
export interface World {
  /** The world's folder on the host (upper dirs, syslog, BIND); /run/world inside */
  dir: string;
  /** Runs a bash script inside, as root, with a clean environment like sudo's */
  sh(script: string, opts?: { env?: Record<string, string>; timeoutMs?: number }): Promise<WorldResult>;
  /** Everything the world's programs sent to /dev/log */
  syslog(): string;
  /** path, type, mode, owner and SHA-256 of everything under /etc inside (for byte-identical checks) */
  snapshot(tree?: string): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

export interface WorldResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, interleaved as written */
  output: string;
  ms: number;
}

export interface WorldOptions {
  hostname: string;
  /** Addresses put on lo (the setup's documentation addresses) */
  addresses: string[];
  zones: { name: string; text: string }[];
}

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const SYSLOG_PY = String.raw`
import socket, sys, os
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
os.chmod("/dev/log", 0o666)
out = open(sys.argv[1], "ab", buffering=0)
open(sys.argv[1] + ".ready", "w").close()
while True:
    out.write(s.recv(65536) + b"\n")
`;

// PID 1 of the world: reaps every orphan until it is killed.
const REAPER_PY = String.raw`
import os, time
while True:
    try:
        os.wait()
    except ChildProcessError:
        time.sleep(0.2)
`;

const SNAPSHOT_PY = String.raw`
import hashlib, os, stat, sys
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for n in sorted(dirs + files):
        p = os.path.join(root, n)
        st = os.lstat(p)
        if stat.S_ISLNK(st.st_mode):
            c = "-> " + os.readlink(p)
        elif stat.S_ISREG(st.st_mode):
            c = hashlib.sha256(open(p, "rb").read()).hexdigest()
        else:
            c = "dir" if stat.S_ISDIR(st.st_mode) else "special"
        print("%s\t%o %d:%d %s" % (p, st.st_mode, st.st_uid, st.st_gid, c))
`;

function initScript(opts: WorldOptions): string {
  const addresses = opts.addresses
    .map((a) => `ip addr add ${a}/${a.includes(":") ? 128 : 32} dev lo${a.includes(":") ? " nodad" : ""}`)
    .join("\n");
  return `#!/bin/bash
set -euo pipefail
W=$1
mount --make-rprivate /
for d in etc var usr root home opt srv; do
  mkdir -p "$W/upper/$d" "$W/work/$d"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$W/upper/$d,workdir=$W/work/$d" "/$d"
done
# Older test rigs edited the host's /etc/postfix (main.cf, .postwright-test.json): the world gets its own copy, not the lower dir.
cp -a /etc/postfix "$W/postfix-etc" && rm -rf /etc/postfix && cp -a "$W/postfix-etc" /etc/postfix && rm -rf "$W/postfix-etc"
rm -f /etc/postfix/.postwright-test.json
# A fresh box after "apt-get install postfix" (No configuration) has no main.cf; the rig's stub is not the box's.
if grep -qs alternate_config_directories /etc/postfix/main.cf; then rm -f /etc/postfix/main.cf; fi
# Postfix's spool does not like the overlay: a private copy without sockets, FIFOs and queue files.
cp -a /var/spool/postfix "$W/spool"
find "$W/spool" \\( -type s -o -type p \\) -delete
for q in active bounce corrupt defer deferred flush hold incoming maildrop saved trace; do
  [ -d "$W/spool/$q" ] && find "$W/spool/$q" -type f -delete
done
mount --bind "$W/spool" /var/spool/postfix
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir /run/world && mount --bind "$W" /run/world
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /dev
mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9; mknod -m 666 /dev/tty c 5 0
mkdir /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts
ln -s pts/ptmx /dev/ptmx
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
ln -s /proc/self/fd /dev/fd; ln -s /proc/self/fd/0 /dev/stdin; ln -s /proc/self/fd/1 /dev/stdout; ln -s /proc/self/fd/2 /dev/stderr
/usr/bin/python3 /run/world/syslog.py /run/world/syslog </dev/null >/dev/null 2>&1 &
while [ ! -e /run/world/syslog.ready ]; do sleep 0.05; done
ip link set lo up
${addresses}
hostname ${opts.hostname}
rm -f /etc/resolv.conf
echo "nameserver 127.0.0.1" > /etc/resolv.conf
named -c /run/world/bind/named.conf -u bind -L /run/world/bind/named.log
for i in $(seq 1 100); do kdig +short +time=1 @127.0.0.1 SOA ${opts.zones[0]?.name ?? "."} | grep -q . && break; sleep 0.1; done
touch /run/world/ready
exec /usr/bin/python3 /run/world/reaper.py
`;
}

function bindConfig(zones: WorldOptions["zones"]): string {
  return `options {
  directory "/run/world/bind";
  pid-file "/run/world/bind/named.pid";
  listen-on port 53 { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  allow-query { any; };
  dnssec-validation no;
};
controls { };
${zones.map((z, i) => `zone "${z.name}" { type primary; file "/run/world/bind/zone${i}.db"; };`).join("\n")}
`;
}

/** Starts a world; stop() kills its PID 1, which ends every process in it. */
export async function startWorld(opts: WorldOptions): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-world-"));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(`${dir}/init.sh`, initScript(opts), { mode: 0o755 });
  fs.writeFileSync(`${dir}/syslog.py`, SYSLOG_PY);
  fs.writeFileSync(`${dir}/reaper.py`, REAPER_PY);
  fs.writeFileSync(`${dir}/snapshot.py`, SNAPSHOT_PY);
  fs.mkdirSync(`${dir}/bind`, { mode: 0o755 });
  fs.writeFileSync(`${dir}/bind/named.conf`, bindConfig(opts.zones));
  opts.zones.forEach((z, i) => fs.writeFileSync(`${dir}/bind/zone${i}.db`, z.text));
  spawnSync("chown", ["-R", "bind:bind", `${dir}/bind`]);

  const log = fs.openSync(`${dir}/init.log`, "w");
  const child: ChildProcess = spawn(
    "unshare",
    ["--mount", "--net", "--pid", "--uts", "--ipc", "--fork", "--mount-proc", `${dir}/init.sh`, dir],
    { stdio: ["ignore", log, log], detached: false },
  );
  fs.closeSync(log);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const initLog = () => fs.readFileSync(`${dir}/init.log`, "utf8");
  await waitFor(
    `the world to start (${dir}/init.log)`,
    () => {
      if (exited) throw new Error(`the world's init exited:\n${initLog()}`);
      return fs.existsSync(`${dir}/ready`) || undefined;
    },
    30_000,
  );
  // The world's PID 1, as the host sees it: unshare's only child.
  const pid = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/)[0]);

  const sh: World["sh"] = (script, o = {}) =>
    new Promise((resolve) => {
      const started = Date.now();
      const p = spawn(
        "nsenter",
        ["-t", String(pid), "-m", "-n", "-p", "-u", "-i", "--", "/usr/bin/env", "-i", "bash", "-c", script],
        { env: { ...process.env, PATH }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      let output = "";
      p.stdout.on("data", (c: Buffer) => {
        stdout += c;
        output += c;
      });
      p.stderr.on("data", (c: Buffer) => {
        stderr += c;
        output += c;
      });
      const timer = setTimeout(() => p.kill("SIGKILL"), o.timeoutMs ?? 240_000);
      p.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, output, ms: Date.now() - started });
      });
    });

  return {
    dir,
    sh: (script, o = {}) =>
      sh(
        `export ${Object.entries({ PATH, HOME: "/root", LANG: "C.UTF-8", ...o.env })
          .map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`)
          .join(" ")}\n${script}`,
        o,
      ),
    syslog: () => (fs.existsSync(`${dir}/syslog`) ? fs.readFileSync(`${dir}/syslog`, "utf8") : ""),
    async snapshot(tree = "/etc") {
      const r = await sh(`/usr/bin/python3 /run/world/snapshot.py ${tree}`);
      if (r.code !== 0) throw new Error(`snapshot failed: ${r.stderr}`);
      return new Map(
        r.stdout
          .trim()
          .split("\n")
          .map((l) => l.split("\t") as [string, string]),
      );
    },
    async stop() {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
      await waitFor("the world to end", () => exited || undefined, 15_000).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The host's files that other tests change while a world runs show through its
 * overlays: the state file of the former Postfix alternate-directory rig, which
 * other checkouts on a shared machine may still run (postfix-alternate.ts no
 * longer touches the host's /etc/postfix).
 */
const HOST_NOISE = new Set(["/etc/postfix/.postwright-test.json"]);

/** What differs between two snapshots: added, removed and changed paths, one line each. */
export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const p of HOST_NOISE) {
    before.delete(p);
    after.delete(p);
  }
  for (const [p, v] of before) {
    if (!after.has(p)) out.push(`- ${p} ${v}`);
    else if (after.get(p) !== v) out.push(`~ ${p} ${v} => ${after.get(p)}`);
  }
  for (const [p, v] of after) if (!before.has(p)) out.push(`+ ${p} ${v}`);
  return out;
}
