// 50 concurrent sessions polling the Checks page (the page, then its streaming
// check run) against the rig, bounded in count and time, loopback only:
// errors, latency percentiles, server memory idle and under load, and how many
// DNS questions went out for all those runs (the shared cache dedupes them).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startChecksRig, RIG_IPV4 } from "../test/rig/checks-rig";
import { createSetup } from "../e2e/fixtures";
import { startServer } from "../e2e/server";
import { adminCookie, percentile, printTable, rssMiB } from "./lib";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MAX_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

const rig = await startChecksRig({ net: "127.0.12" });
const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-load-ca-")), "ca.pem");
fs.writeFileSync(ca, rig.deps.tlsCa!.join("\n"));
// Node's flags as `npm start` gives them (package.json's start script), so the server is the one users run;
const startScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts
  .start;
// BENCH_NODE_ARGS="…" replaces them (an empty value: none), to compare.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? startScript).split(/\s+/).filter((a) => a.startsWith("--"));
const server = await startServer({ ...rig.env(), NODE_EXTRA_CA_CERTS: ca }, nodeArgs);
console.log(`server: node ${[...nodeArgs, "scripts/serve.mjs"].join(" ")}`);
try {
  const cookie = await adminCookie(server);
  const id = await createSetup(server, { domain: "example.test", ipv4: RIG_IPV4, adminEmail: "owner@example.org" });
  const zone = server.cli(["records", "example.test", "--format", "zone"]);
  await rig.publish(rig.zoneFor(zone.stdout));
  const pid = server.pid()!;

  const runOnce = async () => {
    const res = await fetch(`${server.url}/api/setups/${id}/checks`, {
      method: "POST",
      headers: { cookie, origin: server.url },
    });
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    return lines.find((l) => l.type === "done") as { dns: { sent: number; shared: number } };
  };
  const warm = await runOnce();
  await new Promise((r) => setTimeout(r, 1500));
  const idle = rssMiB(pid);

  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
  // Each session asks for the page, then runs the checks, in turn: its even answers are pages.
  const answers = new WeakMap<object, number>();
  const pageMs: number[] = [];
  const runMs: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: CONNECTIONS,
        amount: MAX_REQUESTS,
        duration: MAX_SECONDS,
        timeout: 30,
        headers: { cookie, origin: server.url },
        requests: [
          { method: "GET", path: `/setups/${id}/checks` },
          { method: "POST", path: `/api/setups/${id}/checks` },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on("response", (client: object, _status: number, _bytes: number, ms: number) => {
      const n = answers.get(client) ?? 0;
      answers.set(client, n + 1);
      (n % 2 === 0 ? pageMs : runMs).push(ms);
    });
  });
  clearInterval(sampler);
  pageMs.sort((a, b) => a - b);
  runMs.sort((a, b) => a - b);
  const after = await runOnce();
  const checkRuns = Math.floor(result.requests.total / 2);
  printTable(
    `${CONNECTIONS} sessions polling the Checks page (page + streamed check run), at most ${MAX_REQUESTS} requests / ${MAX_SECONDS} s`,
    [
      {
        requests: result.requests.total,
        "check runs": checkRuns,
        errors: result.errors,
        timeouts: result.timeouts,
        "non-2xx": result.non2xx,
        "page p50 (ms)": Math.round(percentile(pageMs, 50)),
        "page p99 (ms)": Math.round(percentile(pageMs, 99)),
        "check run p50 (ms)": Math.round(percentile(runMs, 50)),
        "check run p99 (ms)": Math.round(percentile(runMs, 99)),
        "max (ms)": result.latency.max,
        "req/s": result.requests.average,
      },
    ],
  );
  const sent = after.dns.sent - warm.dns.sent;
  const shared = after.dns.shared - warm.dns.shared;
  console.log(`\nserver memory: ${idle} MiB idle, ${peak} MiB peak under load`);
  console.log(
    `DNS questions for ${checkRuns + 1} check runs: ${sent} sent to the rig, ${shared} answered from the shared cache (${((shared / Math.max(1, sent + shared)) * 100).toFixed(1)} % deduplicated)`,
  );
  if (result.errors || result.non2xx || result.timeouts) process.exitCode = 1;
} finally {
  await server.stop();
  await rig.stop();
}
