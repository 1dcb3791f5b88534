// DKIM key generation off the event loop: how long keys take, and the longest
// the event loop waited meanwhile (what every other request would feel).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { generateDkimKey } from "../lib/dkim/generate-dkim-key";
import { printTable } from "./lib";

const rows = [];
for (const algorithm of ["rsa-2048", "ed25519"] as const) {
  const n = algorithm === "rsa-2048" ? 8 : 50;
  const h = monitorEventLoopDelay({ resolution: 5 });
  // a steady 1 ms tick stands for the server's other work
  const tick = setInterval(() => undefined, 1);
  h.enable();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await generateDkimKey(algorithm);
    times.push(performance.now() - t0);
  }
  h.disable();
  clearInterval(tick);
  times.sort((a, b) => a - b);
  rows.push({
    algorithm,
    keys: n,
    "median (ms)": times[Math.floor(n / 2)].toFixed(0),
    "max (ms)": times[n - 1].toFixed(0),
    "event-loop delay max (ms)": (h.max / 1e6).toFixed(1),
    "event-loop delay p99 (ms)": (h.percentile(99) / 1e6).toFixed(1),
  });
}
printTable("DKIM key generation (node:crypto generateKeyPair, libuv thread pool)", rows);
