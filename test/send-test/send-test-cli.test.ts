import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../rig/ports";
import { makeTestCertificate } from "../rig/test-certificate";

const root = path.resolve(import.meta.dirname, "../..");
const cert = makeTestCertificate(["mail.example.test"]);
const received: string[] = [];
let dir: string;
let env: NodeJS.ProcessEnv;
let server: SMTPServer;

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
  const port = await freePort();
  server = new SMTPServer({
    key: cert.keyPem,
    cert: cert.certPem,
    onAuth: (a, _s, cb) =>
      a.username === "anna@example.test" && a.password === "mailbox password 1"
        ? cb(null, { user: a.username })
        : cb(Object.assign(new Error("5.7.8 Authentication failed"), { responseCode: 535 })),
    onData: (stream, session, cb) => {
      stream.resume();
      stream.on("end", () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-send-cli-"));
  fs.writeFileSync(path.join(dir, "ca.pem"), cert.caPem);
  env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "postwright.db")}`,
    NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem"),
    POSTWRIGHT_CONNECT: `192.0.2.10:587=127.0.0.1:${port}`,
  };
  const { prepareDatabase } = await import("../../scripts/prepare-db.mjs");
  await prepareDatabase(env);
  const doc = {
    domain: "example.test",
    ipv4: "192.0.2.10",
    adminEmail: "owner@example.org",
    mailboxes: [{ address: "anna@example.test", password: "mailbox password 1" }],
  };
  const r = await cli(["import", "-"], JSON.stringify(doc));
  expect(r.status, r.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("postwright send-test", () => {
  it("submits on 587 with the password read from standard input; names a refused login; exit 2 on bad arguments", async () => {
    const sent = await cli(
      ["send-test", "example.test", "--from", "anna@example.test", "--to", "me@receiver.test", "--password-stdin"],
      "mailbox password 1\n",
    );
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^Sent to me@receiver\.test: 250/);
    expect(received).toEqual(["me@receiver.test"]);
    const refused = await cli(
      ["send-test", "example.test", "--from", "anna@example.test", "--to", "me@receiver.test", "--password-stdin"],
      "wrong",
    );
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringMatching(/not sent \(auth\)/)]);
    const notMine = await cli(
      ["send-test", "example.test", "--from", "bob@example.test", "--to", "me@receiver.test", "--password-stdin"],
      "x",
    );
    expect([notMine.status, notMine.stderr]).toEqual([
      2,
      expect.stringMatching(/--from must be one of example\.test's mailboxes: anna@example\.test/),
    ]);
  }, 120_000);
});
