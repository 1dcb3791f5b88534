// Dev aid (not a bench): profiles the production server while it answers one route N times.
//   node --conditions=react-server --import tsx bench/support/profile-page.ts ROUTE [N]
// ROUTE may contain :id (the bench setup). Writes a .cpuprofile to $PROFILE_DIR (default /tmp).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumArgs } from "../../playwright.config";
import { claimAdmin } from "../../e2e/fixtures";
import { firstAnswer, timedRequest } from "./http-timing";

const root = path.resolve(import.meta.dirname, "..", "..");
const [route = "/login", n = "30"] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-prof-"));
const port = 3000 + Math.floor(Math.random() * 1000);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${dir}/db.db`,
  POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "0",
  POSTWRIGHT_RENEWAL_INTERVAL_MINUTES: "0",
  POSTWRIGHT_RESOLVER: "127.0.0.1:9",
  POSTWRIGHT_ACME_DIRECTORY: "https://127.0.0.1:9/directory",
};
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
    cwd: root,
    env,
    input,
    encoding: "utf8",
  });
cli(["import", "-"], JSON.stringify({ domain: "prof.example.test", ipv4: "203.0.113.9", adminEmail: "a@example.org" }));
const id = (JSON.parse(cli(["list", "--json"]).stdout) as { id: string }[])[0].id;
cli(["records", "prof.example.test"]);
const child = spawn(
  process.execPath,
  [
    "--cpu-prof",
    `--cpu-prof-dir=${process.env.PROFILE_DIR ?? "/tmp"}`,
    path.join(root, "node_modules/next/dist/bin/next"),
    "start",
    "-H",
    "127.0.0.1",
    "-p",
    String(port),
  ],
  { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] },
);
let out = "";
child.stdout!.on("data", (d) => (out += d));
const base = `http://127.0.0.1:${port}`;
await firstAnswer(base + "/login", () => child.exitCode !== null);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
const ctx = await browser.newContext();
const link = () => out.match(/https?:\/\/[^\s/]+(\/setup\/[\w-]+)/)?.[1];
await claimAdmin(await ctx.newPage(), { url: base, setupLink: link, output: () => out } as never);
const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
await browser.close();
if (process.env.PROFILE_MARK) fs.appendFileSync(process.env.PROFILE_MARK, "---- requests\n");
const times = [];
for (let i = 0; i < Number(n); i++)
  times.push((await timedRequest(base + route.replace(":id", id), { headers: { cookie } })).ttfb);
console.log(route, "ttfb ms:", times.map((t) => t.toFixed(0)).join(" "));
const exited = new Promise((r) => child.once("exit", r));
child.kill("SIGINT");
await exited;
fs.rmSync(dir, { recursive: true, force: true });
