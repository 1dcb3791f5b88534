import fs from "node:fs";

/** Resident memory of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Resident memory of a process and all its children, in MiB. */
export function treeRssMiB(pid: number): number {
  let total = rssMiB(pid);
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const c of children ? children.split(" ") : []) total += treeRssMiB(Number(c));
  }
  return Math.round(total * 10) / 10;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`);
  if (!rows.length) return;
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(width[i])).join(" | ") + " |";
  console.log(line(cols));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

/** Claims the admin of a fresh test server in a headless browser; returns the session cookie header. */
export async function adminCookie(server: {
  url: string;
  setupLink(): string | undefined;
  output(): string;
}): Promise<string> {
  const { chromium } = await import("@playwright/test");
  const { claimAdmin } = await import("../e2e/fixtures");
  const browser = await chromium.launch(await benchChromium());
  try {
    const context = await browser.newContext();
    await claimAdmin(await context.newPage(), server as never);
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/** Chromium as the e2e suite launches it, trusting the bench's private CA by its SPKI pin (scripts/bench.mjs). */
export async function benchChromium() {
  const { chromiumArgs } = await import("../playwright.config");
  const pin = process.env.POSTWRIGHT_E2E_CA_SPKI;
  return {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: pin ? [...chromiumArgs, `--ignore-certificate-errors-spki-list=${pin}`] : chromiumArgs,
  };
}
