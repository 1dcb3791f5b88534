import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let dir: string;
let env: NodeJS.ProcessEnv;

function cli(args: string[], input = ""): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "cli/bin.mjs"), ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-relay-cli-"));
  env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "postwright.db")}` };
  const { prepareDatabase } = await import("../../scripts/prepare-db.mjs");
  await prepareDatabase(env);
  const r = await cli(
    ["import", "-"],
    JSON.stringify({ domain: "example.test", ipv4: "192.0.2.10", adminEmail: "owner@example.org" }),
  );
  expect(r.status, r.stderr).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("postwright relay", () => {
  it("lists the presets with their sources", async () => {
    const r = await cli(["relay", "--list", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const presets = JSON.parse(r.stdout);
    expect(presets.length).toBeGreaterThanOrEqual(13);
    expect(presets.every((p: { sources: string[] }) => p.sources.length > 0)).toBe(true);
    const table = await cli(["relay", "--list"]);
    expect(table.stdout).toMatch(
      /^fastmail\s+smtp\.fastmail\.com:465 TLS\s+SPF include:spf\.messagingengine\.com\s+DKIM 3×CNAME/m,
    );
  }, 60_000);

  it("switches to a preset; refuses an unknown preset, a missing region, a first switch without password", async () => {
    const bad = await cli(["relay", "example.test", "--relay", "sendmail-cloud", "--username", "x"]);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/unknown relay preset "sendmail-cloud"/)]);
    const noRegion = await cli(
      ["relay", "example.test", "--relay", "amazon-ses", "--username", "AKIAX", "--password-stdin"],
      "pw",
    );
    expect([noRegion.status, noRegion.stderr]).toEqual([2, expect.stringMatching(/region: relayRegion/)]);
    const noPassword = await cli(["relay", "example.test", "--relay", "fastmail", "--username", "anna@example.test"]);
    expect([noPassword.status, noPassword.stderr]).toEqual([2, expect.stringMatching(/password: required/)]);

    const ok = await cli(
      ["relay", "example.test", "--relay", "fastmail", "--username", "anna@example.test", "--password-stdin"],
      "an app password\n",
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /now leaves through smtp\.fastmail\.com:465 \(SPF include:spf\.messagingengine\.com\), with 3 DKIM record/,
    );
    const zone = await cli(["records", "example.test", "--format", "zone"]);
    expect(zone.stdout).toMatch(/include:spf\.messagingengine\.com -all/);
    expect(zone.stdout).toMatch(/^fm1\._domainkey\s.*CNAME\s+fm1\.example\.test\.dkim\.fmhosted\.com\./m);
    const exported = JSON.parse((await cli(["export", "example.test"])).stdout);
    expect(exported.delivery).toMatchObject({
      mode: "relay",
      preset: "fastmail",
      host: "smtp.fastmail.com",
      port: 465,
    });
    expect(JSON.stringify(exported)).not.toContain("an app password");

    // A relay of one's own keeps the stored password; its include is checked.
    const wrong = await cli([
      "relay",
      "example.test",
      "--relay",
      "custom",
      "--host",
      "smtp.isp.example",
      "--spf-include",
      "not a domain",
      "--username",
      "me",
    ]);
    expect([wrong.status, wrong.stderr]).toEqual([2, expect.stringMatching(/spfInclude: spfInclude/)]);
    const custom = await cli([
      "relay",
      "example.test",
      "--relay",
      "custom",
      "--host",
      "smtp.isp.example",
      "--spf-include",
      "_spf.isp.example",
      "--username",
      "me",
    ]);
    expect(custom.status, custom.stderr).toBe(0);
    expect((await cli(["records", "example.test", "--format", "zone"])).stdout).toMatch(
      /include:_spf\.isp\.example -all/,
    );
  }, 180_000);
});
