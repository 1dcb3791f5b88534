// Wizard pages: first-load JavaScript per step (bytes on the wire, as the
// browser fetched them), time to first byte of each step, server memory idle.
import { chromium } from "@playwright/test";
import { claimAdmin, createSetup } from "../e2e/fixtures";
import { startServer } from "../e2e/server";
import { steps } from "../lib/setup/steps";
import { benchChromium, percentile, printTable, rssMiB } from "./lib";

const server = await startServer();
const browser = await chromium.launch(await benchChromium());
try {
  const context = await browser.newContext();
  await claimAdmin(await context.newPage(), server);
  const id = await createSetup(server, {
    domain: "bench.example.test",
    ipv4: "203.0.113.120",
    adminEmail: "owner@example.org",
    mailboxes: [{ address: "ana@bench.example.test", password: "a long mailbox password" }],
  });
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const routes = ["/", "/setups/new", ...steps.map((s) => `/setups/${id}/${s.id}`)];
  const rows = [];
  for (const route of routes) {
    // First load in a fresh page with the cache off: the scripts the browser had to fetch.
    const fresh = await context.newPage();
    const cdp = await context.newCDPSession(fresh);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts = new Set<string>();
    let jsWire = 0;
    let jsCount = 0;
    cdp.on(
      "Network.responseReceived",
      (e: { requestId: string; type: string }) => e.type === "Script" && scripts.add(e.requestId),
    );
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
      if (!scripts.has(e.requestId)) return;
      jsWire += e.encodedDataLength;
      jsCount++;
    });
    await fresh.goto(server.url + route, { waitUntil: "networkidle" });
    await fresh.close();

    const ttfb: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + route, { headers: { cookie } });
      const reader = res.body!.getReader();
      await reader.read();
      ttfb.push(performance.now() - t0);
      await reader.cancel();
    }
    ttfb.sort((a, b) => a - b);
    rows.push({
      route: route.replace(id, ":id"),
      "first-load JS (KiB on the wire)": (jsWire / 1024).toFixed(1),
      scripts: jsCount,
      "TTFB p50 (ms)": percentile(ttfb, 50).toFixed(1),
      "TTFB p95 (ms)": percentile(ttfb, 95).toFixed(1),
    });
  }
  await new Promise((r) => setTimeout(r, 2000));
  printTable("Wizard pages: first-load JavaScript and time to first byte (20 requests each, warm server)", rows);
  console.log(`\nserver memory, idle after the page loads: ${rssMiB(server.pid()!)} MiB RSS`);
} finally {
  await browser.close();
  await server.stop();
}
