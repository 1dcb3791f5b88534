// What the server loads at start (instrumentation's timers) stays light: the
// renewal code (acme-client, X.509, forge) and the checks (mailauth, joi…) load
// when their timer first has work, not with the server.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDb } from "./temp-db";

const root = path.resolve(import.meta.dirname, "..");
const HEAVY = ["acme-client", "@peculiar", "node-forge", "mailauth", "joi", "iconv-lite", "encoding-japanese"];

afterAll(() => tempDb.remove());

/** Runs code in a fresh Node and returns the packages it loaded. */
function loadedPackages(code: string): string[] {
  const script = `
    import { createRequire } from "node:module";
    ${code}
    const files = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify([...new Set(files.flatMap((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1] ?? []))]));
  `;
  // `server-only` resolved to nothing, as the CLI does (cli/server-only-hook.mjs).
  const serverOnly = `import{register}from"node:module";import{pathToFileURL}from"node:url";register("./cli/server-only-hook.mjs",pathToFileURL("./"));`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      `data:text/javascript,${encodeURIComponent(serverOnly)}`,
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: tempDb.url, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
      encoding: "utf8",
    },
  );
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("start-up modules", () => {
  it("the renewal timer and the check schedule start without the heavy modules", () => {
    const loaded = loadedPackages(`
      const { startRenewalTimer } = await import("./lib/acme/renewal-timer.ts");
      const { startCheckSchedule } = await import("./lib/status/check-schedule.ts");
      startRenewalTimer({ POSTWRIGHT_RENEWAL_INTERVAL_MINUTES: "720" });
      startCheckSchedule({ POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "60" });
    `);
    expect(loaded).toContain("@prisma/client");
    expect(loaded.filter((p) => HEAVY.some((h) => p.startsWith(h)))).toEqual([]);
  });

  it("they load when their work runs", () => {
    const loaded = loadedPackages(`
      await import("./lib/acme/renew-all-due.ts");
      await import("./lib/status/run-all-checks.ts");
    `);
    expect(loaded).toEqual(expect.arrayContaining(["acme-client", "mailauth"]));
  });
});
