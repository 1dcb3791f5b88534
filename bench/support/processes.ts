import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { rssMiB } from "../lib";

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(" ").map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

export function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "";
  }
}

/** Every process of the tree rooted at pid, parents first. */
export function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

export function treeRss(pid: number): number {
  return Math.round(treeOf(pid).reduce((sum, p) => sum + safeRss(p), 0) * 10) / 10;
}

function safeRss(pid: number): number {
  try {
    return rssMiB(pid);
  } catch {
    return 0;
  }
}

/** The process that serves: the heaviest process at the bottom of the tree (npm → sh → … → server). */
export function serverOf(pid: number): number {
  let p = pid;
  for (;;) {
    const kids = childrenOf(p);
    if (!kids.length) return p;
    p = kids.sort((a, b) => safeRss(b) - safeRss(a))[0];
  }
}

export interface Started {
  pid: number;
  startedAt: number;
  output(): string;
  stop(): Promise<void>;
}

/** `npm start` in dir, in its own process group (so stop() ends exactly the tree it made). */
export function npmStart(dir: string, env: NodeJS.ProcessEnv): Started {
  const startedAt = performance.now();
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    pid: child.pid!,
    startedAt,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }, 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}
