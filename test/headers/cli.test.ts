import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBind, type BindServer } from "../rig/bind";
import { buildCorpus, corpusZones, makeKeys, type CorpusCase } from "./corpus";

const root = path.resolve(import.meta.dirname, "../..");
let bind: BindServer;
let corpus: CorpusCase[];
let dir: string;

function cli(args: string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "cli/bin.mjs"), ...args], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "none.db")}` },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

beforeAll(async () => {
  const keys = await makeKeys();
  bind = await startBind({ address: "127.0.32.1", zones: corpusZones(keys) });
  corpus = await buildCorpus(keys);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-headers-cli-"));
}, 60_000);
afterAll(async () => {
  await bind?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("postwright headers", () => {
  it("prints the verdicts as JSON and exits 0 when DMARC passes", async () => {
    const file = path.join(dir, "pass.eml");
    fs.writeFileSync(file, corpus[0].source);
    const r = await cli(["headers", file, "--json", "--resolver", `${bind.address}:${bind.port}`]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.receiver).toBe("Gmail");
    expect(
      out.verdicts.find(
        (v: { mechanism: string; source: string }) => v.mechanism === "dkim" && v.source === "postwright",
      ).status,
    ).toBe("pass");
    expect(fs.existsSync(path.join(dir, "none.db"))).toBe(false);
  }, 60_000);

  it("reads standard input, prints a readable table with the fix, and exits 1 when DMARC fails", async () => {
    const r = await cli(["headers", "-", "--resolver", `${bind.address}:${bind.port}`], corpus[4].source);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^POSTWRIGHT\s+dmarc\s+FAIL\s+DMARC fails for example\.test \(policy quarantine\)/m);
    expect(r.stdout).toMatch(/→ Turn off footers/);
    expect(r.stdout).toMatch(/DMARC did not pass\.$/m);
  }, 60_000);

  it("exits 2 with a message on input that is not a message, a missing file or a bad resolver", async () => {
    const bad = await cli(
      ["headers", "-", "--resolver", `${bind.address}:${bind.port}`],
      "Hello, this is only the text of the mail.\n",
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a message source: .*whole source/);
    const missing = await cli(["headers", path.join(dir, "nope.eml")]);
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read .*nope\.eml: ENOENT/)]);
    const resolver = await cli(["headers", "-", "--resolver", "not a host"], corpus[0].source);
    expect([resolver.status, resolver.stderr]).toEqual([2, expect.stringMatching(/invalid resolver/)]);
    const empty = await cli(["headers", "-"], "");
    expect([empty.status, empty.stderr]).toEqual([2, expect.stringMatching(/empty/)]);
  }, 120_000);
});
