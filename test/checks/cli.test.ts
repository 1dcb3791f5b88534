import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBlackhole, startChecksRig, type ChecksRig } from "../rig/checks-rig";

const root = path.resolve(import.meta.dirname, "../..");
let rig: ChecksRig;
let dir: string;
let env: NodeJS.ProcessEnv;
let flags: string[];

// Asynchronous: the rig's HTTPS and SMTP-banner servers live in this process and must keep answering.
function cli(args: string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "cli/bin.mjs"), ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

beforeAll(async () => {
  rig = await startChecksRig({ net: "127.0.12" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-checks-cli-"));
  const ca = path.join(dir, "ca.pem");
  fs.writeFileSync(ca, rig.deps.tlsCa!.join("\n"));
  env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "postwright.db")}`, NODE_EXTRA_CA_CERTS: ca };
  const { prepareDatabase } = await import("../../scripts/prepare-db.mjs");
  await prepareDatabase(env);
  const imported = await cli(["import", "-"], JSON.stringify(rig.setup));
  expect(imported.status, imported.stderr).toBe(0);
  const db = new Database(path.join(dir, "postwright.db"));
  const { id } = db.prepare("SELECT id FROM Setup WHERE domain = ?").get("example.test") as { id: string };
  for (const k of rig.dkimKeys) {
    db.prepare(
      "INSERT INTO DkimKey (id, setupId, selector, algorithm, publicKey, secretId, status, createdAt) VALUES (?, ?, ?, ?, ?, ?, 'active', ?)",
    ).run(`k-${k.selector}`, id, k.selector, k.algorithm, k.publicKey, "none", Date.now());
  }
  db.close();
  flags = Object.entries(rig.env()).flatMap(([name, value]) => [
    `--${{ POSTWRIGHT_RESOLVER: "resolver", POSTWRIGHT_NS_PORT: "ns-port", POSTWRIGHT_DNSBL: "dnsbl", POSTWRIGHT_ECHO: "echo", POSTWRIGHT_PORT25_PROBES: "port25-probe", POSTWRIGHT_CHECK_DEADLINE: "deadline", POSTWRIGHT_CONNECT: "connect" }[name]}`,
    value,
  ]);
});
afterAll(async () => {
  await rig?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("postwright check", () => {
  it("prints every check as JSON and exits 0 when none fails", async () => {
    // The rig runs no mail server: the user says so, and the TLS check says it was not checked.
    const r = await cli(["check", "example.test", "--json", "--server-not-installed", ...flags]);
    const out = JSON.parse(r.stdout);
    expect(r.status, JSON.stringify(out.checks.filter((c: { status: string }) => c.status !== "pass"))).toBe(0);
    expect(out.domain).toBe("example.test");
    expect(out.checks).toHaveLength(21);
    expect(out.checks[0]).toMatchObject({ id: "network", status: "pass" });
    expect(out.checks.find((c: { id: string }) => c.id === "smtp-tls")).toMatchObject({
      status: "skip",
      summary: "Not checked: you said the mail server at mail.example.test is not installed yet.",
    });
    expect(out.checks.find((c: { id: string }) => c.id === "mta-sts").status).toBe("pass");
    expect(out.checks.every((c: { status: string }) => c.status !== "fail")).toBe(true);
    expect(Object.keys(out.checks[0])).toEqual(expect.arrayContaining(["id", "status", "summary", "details"]));
  });

  it("exits 1 on a failing check, says what changed since the last run, and prints a readable table", async () => {
    await rig.publish(
      rig.domainZone((t) =>
        t
          .split("\n")
          .filter((l) => !/ IN MX /.test(l))
          .join("\n"),
      ),
    );
    try {
      const r = await cli(["check", "example.test", "--server-not-installed", ...flags]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^FAIL\s+mx\s+example\.test has no MX record/m);
      expect(r.stdout).toMatch(/→ At your DNS host, set the MX record/);
      expect(r.stdout).toMatch(/Changed since the previous run: mx pass → fail/);
    } finally {
      await rig.publish(rig.domainZone());
    }
  });

  it("a mail server nobody can reach fails; exit 1", async () => {
    const r = await cli(["check", "example.test", "--only", "smtp-tls", "--no-save", ...flags]);
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^FAIL\s+smtp-tls\s+Every port of mail\.example\.test refuses connections/m);
  });

  it("a resolver that never answers is named once, the rest not checked; exit 3 (could not run)", async () => {
    const hole = await startBlackhole("127.0.12.77", rig.nsPort);
    try {
      const started = Date.now();
      const r = await cli([
        "check",
        "example.test",
        "--no-save",
        "--server-not-installed",
        ...flags,
        "--resolver",
        `127.0.12.77:${rig.nsPort}`,
      ]);
      expect(r.status, r.stdout).toBe(3);
      expect(r.stdout).toMatch(/^ERROR\s+network\s+The resolver 127\.0\.12\.77:\d+ does not answer/m);
      expect(r.stdout).toMatch(/^skip\s+mx\s+Not checked: the resolver 127\.0\.12\.77:\d+ does not resolve names/m);
      expect(r.stdout.match(/^ERROR/gm)).toHaveLength(1);
      console.log(`check with a silent resolver: ${Date.now() - started} ms`);
    } finally {
      await hole.stop();
    }
  });

  it("both nameservers silent: the nameservers check fails, the record checks are not checked", async () => {
    const silent = await Promise.all([
      startBlackhole("127.0.12.78", rig.nsPort),
      startBlackhole("127.0.12.79", rig.nsPort),
    ]);
    await rig.publish(
      rig.domainZone((t) =>
        t
          .replace(/^ns1 60 IN A .*$/m, "ns1 60 IN A 127.0.12.78")
          .replace(/^ns2 60 IN A .*$/m, "ns2 60 IN A 127.0.12.79"),
      ),
    );
    try {
      const started = Date.now();
      const r = await cli(["check", "example.test", "--no-save", "--server-not-installed", ...flags]);
      const took = Date.now() - started;
      console.log(`check with both nameservers silent: ${took} ms (exit ${r.status})`);
      expect(r.status, r.stdout).toBe(1);
      expect(r.stdout).toMatch(/^FAIL\s+ns\s+None of the nameservers of example\.test answers/m);
      for (const id of ["a", "mx", "spf", "dkim", "dmarc", "caa"])
        expect(r.stdout).toMatch(
          new RegExp(`^skip\\s+${id}\\s+Not checked: no nameserver of example\\.test answers`, "m"),
        );
      expect(r.stdout).not.toMatch(/^ERROR/m);
    } finally {
      await Promise.all(silent.map((s) => s.stop()));
      await rig.publish(rig.domainZone());
    }
  });

  it("documents its exit codes", async () => {
    const r = await cli(["check", "--help"]);
    expect(r.stdout).toMatch(/0\s+every check passed/);
    expect(r.stdout).toMatch(/1\s+at least one check failed/);
    expect(r.stdout).toMatch(/2\s+bad input/);
    expect(r.stdout).toMatch(/3\s+no check failed, but at least one could not run/);
  });

  it("exits 2 on bad usage", async () => {
    expect((await cli(["check", "example.test", "--dnsbl", "not a zone"])).status).toBe(2);
    expect((await cli(["check", "example.test", "--only", "nope"])).status).toBe(2);
    expect((await cli(["check", "nosuch.test", ...flags])).status).toBe(2);
  });
});
