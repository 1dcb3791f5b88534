// Postwright side by side with an empty Next app of the same version (a heading
// and one client button), which this bench writes and builds itself: both built
// clean, both started with `npm start`, measured in the same run, interleaved
// (alternating which goes first, request by request for latencies), medians.
// Prints every figure of issue 15 with its goal.
//
// Env: BENCH_ROUNDS (3) server starts per app, BENCH_TTFB_REQUESTS (20) requests per
// route and round, BENCH_CLI_RUNS (10), BENCH_BUILDS (1) clean builds per app,
// BENCH_SKIP_BUILD=1 to reuse both apps' existing builds (no build row then), BENCH_SAVE_HTML=DIR
// to keep each page's HTML.
import { spawnSync } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { chromiumArgs } from "../playwright.config";
import { claimAdmin } from "../e2e/fixtures";
import { steps } from "../lib/setup/steps";
import { percentile, printTable, rssMiB } from "./lib";
import { writeEmptyNextApp } from "./support/empty-next-app";
import { firstAnswer, median, timedRequest, type Timed } from "./support/http-timing";
import { npmStart, serverOf, treeRss, type Started } from "./support/processes";

const root = path.resolve(import.meta.dirname, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_TTFB_REQUESTS ?? 20);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 10);
const BUILDS = process.env.BENCH_SKIP_BUILD === "1" ? 0 : Number(process.env.BENCH_BUILDS ?? 1);
const IDLE_MS = 3_000;
const nextBin = path.join(root, "node_modules", ".bin", "next");
const kB = (bytes: number) => bytes / 1000;
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
const signed = (x: number, digits = 1) => (x >= 0 ? "+" : "") + fmt(x, digits);

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

// ---------------------------------------------------------------- the two apps
const empty = writeEmptyNextApp(root);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bench-versus-"));
const chunksDir = path.join(work, "chunks");
fs.mkdirSync(chunksDir);

// A slow Internet, at its worst: a CA that accepts the connection and never answers, DNS that never answers.
const blackHoleTcp = net.createServer(() => {
  /* accept, then silence */
});
await new Promise<void>((r) => blackHoleTcp.listen(0, "127.0.0.1", r));
blackHoleTcp.unref();
const tcpHole = (blackHoleTcp.address() as net.AddressInfo).port;
const blackHoleUdp = dgram.createSocket("udp4");
await new Promise<void>((r) => blackHoleUdp.bind(0, "127.0.0.1", r));
blackHoleUdp.unref();
const udpHole = blackHoleUdp.address().port;

const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
delete baseEnv.NODE_OPTIONS;
const pwEnv: NodeJS.ProcessEnv = {
  ...baseEnv,
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${path.join(work, "data", "postwright.db")}`,
  POSTWRIGHT_RESOLVER: `127.0.0.1:${udpHole}`,
  POSTWRIGHT_DNS_SERVERS: `127.0.0.1:${udpHole}`,
  POSTWRIGHT_ECHO: `myip.invalid/A@127.0.0.1:${udpHole}`,
  POSTWRIGHT_DNSBL: "dnsbl.invalid",
  POSTWRIGHT_PORT25_PROBES: `127.0.0.1:${tcpHole}`,
  POSTWRIGHT_ACME_DIRECTORY: `https://127.0.0.1:${tcpHole}/directory`,
};

interface App {
  name: "empty" | "postwright";
  dir: string;
  env: NodeJS.ProcessEnv;
  /** the page answered first and used for the memory reading */
  firstPath: string;
}
const apps: App[] = [
  { name: "empty", dir: empty.dir, env: baseEnv, firstPath: "/" },
  { name: "postwright", dir: root, env: pwEnv, firstPath: "/login" },
];

// ---------------------------------------------------------------- clean builds
const buildSeconds: Record<App["name"], number[]> = { empty: [], postwright: [] };
for (let i = 0; i < BUILDS; i++) {
  for (const app of i % 2 ? [...apps].reverse() : apps) {
    fs.rmSync(path.join(app.dir, ".next"), { recursive: true, force: true });
    console.log(`building ${app.name} (clean)…`);
    const t0 = performance.now();
    const r = spawnSync(nextBin, ["build"], { cwd: app.dir, env: app.env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${app.name}: next build failed\n${r.stdout}${r.stderr}`);
    buildSeconds[app.name].push((performance.now() - t0) / 1000);
  }
}
for (const app of apps) {
  if (fs.existsSync(path.join(app.dir, ".next", "BUILD_ID"))) continue;
  if (app.name === "postwright") throw new Error("no build of Postwright (BENCH_SKIP_BUILD=1 needs one)");
  console.log(`building ${app.name} (not timed)…`);
  const r = spawnSync(nextBin, ["build"], { cwd: app.dir, env: app.env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${app.name}: next build failed\n${r.stdout}${r.stderr}`);
}

// ---------------------------------------------------------------- a setup to look at
const cliBin = path.join(root, "cli", "bin.mjs");
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd: root, env: pwEnv, input, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`postwright ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}
cli(
  ["import", "-"],
  JSON.stringify({
    domain: "bench.example.test",
    ipv4: "203.0.113.120",
    adminEmail: "owner@example.org",
    mailboxes: [{ address: "ana@bench.example.test", password: "a long mailbox password" }],
  }),
);
const setupId = (JSON.parse(cli(["list", "--json"])) as { id: string }[])[0].id;
// The DNS step makes the DKIM keys on first use; done here so no round pays for it.
cli(["records", "bench.example.test", "--format", "json"]);

const pwRoutes = ["/login", "/", "/setups/new", ...steps.map((s) => `/setups/${setupId}/${s.id}`)];
const label = (route: string) => route.replace(setupId, ":id");
const emptyRoutes = ["/", "/dynamic"];

// ---------------------------------------------------------------- servers
interface Running {
  app: App;
  proc: Started;
  base: string;
  startSeconds: number;
}

async function start(app: App, extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const proc = npmStart(app.dir, { ...app.env, ...extraEnv, PORT: String(port) });
  let dead = false;
  const plain = `http://127.0.0.1:${port}`;
  const rebuilding = () => /building the wizard/i.test(proc.output());
  const gone = () => dead || rebuilding() || !fs.existsSync(`/proc/${proc.pid}`);
  const fail = async (e: unknown) => {
    await proc.stop();
    if (rebuilding())
      throw new Error("npm start is rebuilding: the sources are newer than the build (run without BENCH_SKIP_BUILD)");
    dead = true;
    throw new Error(`${app.name}: ${(e as Error).message}\n${proc.output()}`);
  };
  let at = await firstAnswer(plain + app.firstPath, gone).catch(fail);
  // The wizard answers plain HTTP with a redirect to HTTPS on the same port: its first answer is the page's.
  const probe = await timedRequest(plain + app.firstPath);
  const base = /^https:/.test(String(probe.headers.location ?? "")) ? `https://127.0.0.1:${port}` : plain;
  if (base !== plain) at = await firstAnswer(base + app.firstPath, gone).catch(fail);
  return { app, proc, base, startSeconds: (at - proc.startedAt) / 1000 };
}

let cookie = "";
let context: BrowserContext | undefined;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: chromiumArgs,
});

const startSeconds: Record<App["name"], number[]> = { empty: [], postwright: [] };
const serverRss: Record<App["name"], number[]> = { empty: [], postwright: [] };
const treeRssAll: Record<App["name"], number[]> = { empty: [], postwright: [] };
const ttfb = new Map<string, number[]>(); // "app route" → ms
const firstBody = new Map<string, string>();
const firstLoadJs = new Map<string, { bytes: number; scripts: number }>();

async function firstLoad(base: string, route: string, withCookie: boolean) {
  const ctx = withCookie ? context! : await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Set<string>();
  let bytes = 0;
  let count = 0;
  cdp.on("Network.responseReceived", (e: { requestId: string; type: string }) => {
    if (e.type === "Script") scripts.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    if (!scripts.has(e.requestId)) return;
    bytes += e.encodedDataLength;
    count++;
  });
  // "load" waits for every script the HTML names; a page that opens a live check run never goes network-idle.
  await page.goto(base + route, { waitUntil: "load" });
  await page.waitForTimeout(1_000);
  await page.close();
  if (!withCookie) await ctx.close();
  return { bytes, scripts: count };
}

try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...apps].reverse() : apps;
    const running: Running[] = [];
    try {
      for (const app of order) {
        const r = await start(app);
        running.push(r);
        startSeconds[app.name].push(r.startSeconds);
      }
      const [e, p] = ["empty", "postwright"].map((n) => running.find((r) => r.app.name === n)!);
      if (!cookie) {
        context = await browser.newContext({ ignoreHTTPSErrors: true });
        const link = () => p.proc.output().match(/https?:\/\/[^\s/]+(\/setup\/[\w-]+)/)?.[1];
        for (let i = 0; i < 100 && !link(); i++) await new Promise((r) => setTimeout(r, 100));
        await claimAdmin(await context.newPage(), { url: p.base, setupLink: link, output: p.proc.output } as never);
        cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      }
      // Memory: one request each (already made by the start), then idle.
      await new Promise((r) => setTimeout(r, IDLE_MS));
      for (const r of running) {
        serverRss[r.app.name].push(rssMiB(serverOf(r.proc.pid)));
        treeRssAll[r.app.name].push(treeRss(r.proc.pid));
      }
      // Latency, interleaved request by request.
      const targets = [
        ...emptyRoutes.map((route) => ({ r: e, route, headers: {} })),
        ...pwRoutes.map((route) => ({ r: p, route, headers: route === "/login" ? {} : { cookie } })),
      ];
      // One untimed request each first: a route's code loads on its first request.
      for (const t of targets) await timedRequest(t.r.base + t.route, { headers: t.headers });
      const slow = new Set<string>();
      for (let i = 0; i < REQUESTS; i++) {
        for (const t of i % 2 ? [...targets].reverse() : targets) {
          const key = `${t.r.app.name} ${t.route}`;
          if (slow.has(key) && i >= 3) continue; // a page that takes seconds: three samples are enough
          const res: Timed = await timedRequest(t.r.base + t.route, { headers: t.headers });
          if (res.status !== 200) throw new Error(`${key}: HTTP ${res.status}`);
          if (res.total > 2_000) slow.add(key);
          if (!ttfb.has(key)) ttfb.set(key, []);
          ttfb.get(key)!.push(res.ttfb);
          if (!firstBody.has(key)) firstBody.set(key, res.body);
          if (process.env.BENCH_SAVE_HTML && i === 0 && round === 0) {
            fs.mkdirSync(process.env.BENCH_SAVE_HTML, { recursive: true });
            fs.writeFileSync(
              path.join(process.env.BENCH_SAVE_HTML, `${label(key).replace(/\W+/g, "_")}.html`),
              res.body,
            );
          }
        }
      }
      // First-load JavaScript: bytes, not time; once is enough.
      if (round === 0) {
        for (const route of emptyRoutes) firstLoadJs.set(`empty ${route}`, await firstLoad(e.base, route, false));
        for (const route of pwRoutes)
          firstLoadJs.set(`postwright ${route}`, await firstLoad(p.base, route, route !== "/login"));
      }
    } finally {
      for (const r of running) await r.proc.stop();
    }
  }

  // ---------------------------------------------------------------- server chunks after one first request
  const chunks: Record<App["name"], { count: number; bytes: number }> = {
    empty: { count: 0, bytes: 0 },
    postwright: { count: 0, bytes: 0 },
  };
  for (const app of apps) {
    const r = await start(app, {
      NODE_OPTIONS: `--require ${path.join(import.meta.dirname, "support", "loaded-chunks.cjs")}`,
      BENCH_CHUNKS_DIR: chunksDir,
    });
    try {
      await new Promise((res) => setTimeout(res, 1_000));
      const pid = serverOf(r.proc.pid);
      const file = path.join(chunksDir, `${pid}.json`);
      process.kill(pid, "SIGUSR2");
      for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((res) => setTimeout(res, 100));
      const serverDir = path.join(app.dir, ".next", "server") + path.sep;
      const loaded = (JSON.parse(fs.readFileSync(file, "utf8")) as string[]).filter((f) => f.startsWith(serverDir));
      chunks[app.name] = { count: loaded.length, bytes: loaded.reduce((s, f) => s + fs.statSync(f).size, 0) };
      // Which ones, biggest first: bench/results/server-chunks-<app>.txt
      fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
      fs.writeFileSync(
        path.join(root, "bench", "results", `server-chunks-${app.name}.txt`),
        loaded
          .map((f) => [fs.statSync(f).size, path.relative(serverDir, f)] as const)
          .sort((a, b) => b[0] - a[0])
          .map(([size, f]) => `${String(size).padStart(9)} ${f}`)
          .join("\n") + "\n",
      );
    } finally {
      await r.proc.stop();
    }
  }

  // ---------------------------------------------------------------- CLI
  const cliCases: [string, string[], NodeJS.ProcessEnv][] = [
    ["node -e 0", [process.execPath, "-e", "0"], baseEnv],
    ["postwright --help", [process.execPath, cliBin, "--help"], pwEnv],
    ["postwright list", [process.execPath, cliBin, "list"], pwEnv],
    ["npx postwright --help", ["npx", "--offline", "postwright", "--help"], pwEnv],
  ];
  const cliSeconds = new Map<string, number[]>(cliCases.map(([n]) => [n, []]));
  for (let i = 0; i < CLI_RUNS; i++) {
    for (const [name, [cmd, ...args], env] of i % 2 ? [...cliCases].reverse() : cliCases) {
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`);
      cliSeconds.get(name)!.push((performance.now() - t0) / 1000);
    }
  }

  // ---------------------------------------------------------------- report
  const p50 = (key: string) => median(ttfb.get(key) ?? []);
  const gz = (key: string) => kB(zlib.gzipSync(firstBody.get(key) ?? "").length);
  const js = (key: string) => kB(firstLoadJs.get(key)?.bytes ?? NaN);

  printTable(
    "Per route (Postwright): first-load JS, page HTML, time to first byte",
    [...emptyRoutes.map((r) => `empty ${r}`), ...pwRoutes.map((r) => `postwright ${r}`)].map((key) => {
      const samples = [...(ttfb.get(key) ?? [])].sort((a, b) => a - b);
      return {
        route: label(key),
        "first-load JS (kB gzip)": fmt(js(key)),
        scripts: firstLoadJs.get(key)?.scripts ?? "–",
        "HTML (kB gzip)": fmt(gz(key)),
        "TTFB p50 (ms)": fmt(percentile(samples, 50)),
        "TTFB p95 (ms)": fmt(percentile(samples, 95)),
        samples: samples.length,
      };
    }),
  );

  const emptyJs = js("empty /");
  const pwJs = pwRoutes.map((r) => js(`postwright ${r}`));
  const emptyHtml = gz("empty /dynamic");
  const pwHtml = pwRoutes.map((r) => gz(`postwright ${r}`));
  const emptyTtfb = p50("empty /dynamic");
  const rows: { figure: string; empty: string; postwright: string; difference: string; goal: string; met: string }[] =
    [];
  const row = (figure: string, e: string, p: string, d: string, goal: string, met: boolean) =>
    rows.push({ figure, empty: e, postwright: p, difference: d, goal, met: met ? "yes" : "NO" });

  const jsMax = Math.max(...pwJs);
  row(
    "first-load JS per route (gzip)",
    `${fmt(emptyJs)} kB`,
    `${fmt(Math.min(...pwJs))}–${fmt(jsMax)} kB`,
    `${signed(Math.min(...pwJs) - emptyJs)} to ${signed(jsMax - emptyJs)} kB`,
    "≤ +40 kB (aim ≤ +15)",
    jsMax - emptyJs <= 40,
  );
  const htmlMax = Math.max(...pwHtml);
  const htmlWorst = pwRoutes[pwHtml.indexOf(htmlMax)];
  row(
    "page HTML (gzip)",
    `${fmt(emptyHtml)} kB`,
    `${fmt(gz("postwright /login"))} kB /login … ${fmt(htmlMax)} kB ${label(htmlWorst)}`,
    `≤ ${signed(htmlMax - emptyHtml)} kB`,
    "≤ +6 kB",
    htmlMax - emptyHtml <= 6,
  );
  const rssE = median(serverRss.empty);
  const rssP = median(serverRss.postwright);
  row(
    "server RSS idle after one request",
    `${fmt(rssE, 0)} MiB`,
    `${fmt(rssP, 0)} MiB`,
    `${signed(rssP - rssE, 0)} MiB`,
    "≤ +50 MiB",
    rssP - rssE <= 50,
  );
  const treeE = median(treeRssAll.empty);
  const treeP = median(treeRssAll.postwright);
  row(
    "process tree idle (from npm)",
    `${fmt(treeE, 0)} MiB`,
    `${fmt(treeP, 0)} MiB`,
    `${signed(treeP - treeE, 0)} MiB`,
    "≤ +60 MiB",
    treeP - treeE <= 60,
  );
  row(
    "server JS loaded after one first request",
    `${chunks.empty.count} files, ${fmt(chunks.empty.bytes / 2 ** 20, 2)} MiB`,
    `${chunks.postwright.count} files, ${fmt(chunks.postwright.bytes / 2 ** 20, 2)} MiB`,
    `${signed(chunks.postwright.count - chunks.empty.count, 0)} files`,
    "close to the empty app's",
    chunks.postwright.count <= 2 * chunks.empty.count,
  );
  for (const route of pwRoutes) {
    const t = p50(`postwright ${route}`);
    row(
      `TTFB p50 ${label(route)}`,
      `${fmt(emptyTtfb)} ms`,
      `${fmt(t)} ms`,
      `${fmt(t / emptyTtfb)}×`,
      "≤ 3× the empty dynamic page",
      t <= 3 * emptyTtfb,
    );
  }
  const node0 = median(cliSeconds.get("node -e 0")!);
  const cliRow = (name: string, goal: number) => {
    const s = median(cliSeconds.get(name)!);
    row(name, `node -e 0: ${fmt(node0, 2)} s`, `${fmt(s, 2)} s`, `${signed(s - node0, 2)} s`, `≤ ${goal} s`, s <= goal);
  };
  cliRow("postwright --help", 0.5);
  cliRow("postwright list", 0.8);
  const npx = median(cliSeconds.get("npx postwright --help")!);
  rows.push({
    figure: "npx postwright --help",
    empty: `node -e 0: ${fmt(node0, 2)} s`,
    postwright: `${fmt(npx, 2)} s`,
    difference: `${signed(npx - node0, 2)} s`,
    goal: "(npx's own start-up included)",
    met: "",
  });
  const startE = median(startSeconds.empty);
  const startP = median(startSeconds.postwright);
  row(
    "`npm start` (built) to first answer",
    `${fmt(startE, 2)} s`,
    `${fmt(startP, 2)} s`,
    `${signed(startP - startE, 2)} s`,
    "≤ 2 s",
    startP <= 2,
  );
  if (BUILDS) {
    const bE = median(buildSeconds.empty);
    const bP = median(buildSeconds.postwright);
    row("clean `next build`", `${fmt(bE)} s`, `${fmt(bP)} s`, `${signed(bP - bE)} s`, "≤ 25 s", bP <= 25);
  }
  printTable(
    `Postwright vs an empty Next ${JSON.parse(fs.readFileSync(path.join(root, "node_modules/next/package.json"), "utf8")).version} app (${ROUNDS} starts each, ${REQUESTS} requests per route and start, interleaved; medians; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
    rows,
  );
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "bench", "results", "versus-empty-next.json"),
    JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), rows }, null, 2),
  );
} finally {
  await browser.close();
  blackHoleTcp.close();
  blackHoleUdp.close();
  empty.remove();
  fs.rmSync(work, { recursive: true, force: true });
}
