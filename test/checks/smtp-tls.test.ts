import { afterEach, describe, expect, it } from "vitest";
import { checkInputFor } from "@/lib/checks/check-input";
import { defaultCheckConfig, type CheckConfig } from "@/lib/checks/config";
import { collectChecks } from "@/lib/checks/run-checks";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import { startFakeMailServer } from "../rig/fake-mail-server";
import { makeTestCertificate } from "../rig/test-certificate";

const setup = withoutSecrets(
  setupInputSchema.parse({ domain: "example.test", ipv4: "192.0.2.10", adminEmail: "admin@example.test" }),
);
const input = checkInputFor(setup, []);
const good = makeTestCertificate(["mail.example.test"]);
const wrongName = makeTestCertificate(["other.example.test"]);
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function run(opts: {
  cert?: typeof good;
  authBeforeTls?: boolean;
  startTls?: boolean;
  nothing?: boolean;
  notInstalled?: boolean;
}) {
  let connect: CheckConfig["connect"] = { "192.0.2.10": { host: "127.0.12.11", port: 0 } };
  if (!opts.nothing) {
    const cert = opts.cert ?? good;
    const srv = await startFakeMailServer({
      address: "127.0.12.10",
      certPem: cert.certPem,
      keyPem: cert.keyPem,
      authBeforeTls: opts.authBeforeTls,
      startTls: opts.startTls,
    });
    stop = srv.stop;
    connect = Object.fromEntries(
      Object.entries(srv.ports).map(([p, port]) => [`192.0.2.10#${p}`, { host: "127.0.12.10", port }]),
    );
  }
  const results = await collectChecks({
    input: opts.notInstalled ? { ...input, serverInstalled: false } : input,
    // No echo service: the preflight cannot call this machine offline (no Internet here), so the check runs.
    config: { ...defaultCheckConfig, echo: [], deadlineMs: 2000, connect },
    deps: { tlsCa: [good.caPem, wrongName.caPem] },
    only: ["smtp-tls"],
  });
  return results.find((r) => r.id === "smtp-tls")!;
}

describe("smtp-tls against a local TLS/SMTP server", () => {
  it("passes with STARTTLS on 25/587, TLS on 465/993, a valid certificate and AUTH only after TLS", async () => {
    const r = await run({});
    expect(r.status, JSON.stringify(r.details)).toBe("pass");
    expect(r.details).toHaveLength(4);
  });
  it("fails when AUTH is offered before STARTTLS", async () => {
    const r = await run({ authBeforeTls: true });
    expect(r.status).toBe("fail");
    expect(r.summaryRef.key).toBe("smtpTls.authBeforeTls");
  });
  it("fails when the certificate is for another name", async () => {
    const r = await run({ cert: wrongName });
    expect(r.status).toBe("fail");
    expect(r.summaryRef.key).toBe("smtpTls.certificate");
  });
  it("fails without STARTTLS", async () => {
    const r = await run({ startTls: false });
    expect(r.status).toBe("fail");
    expect(r.summaryRef.key).toBe("smtpTls.noStartTls");
  });
  it("fails when nothing listens: no mail can arrive", async () => {
    const r = await run({ nothing: true });
    expect(r.status).toBe("fail");
    expect(r.summaryRef.key).toBe("smtpTls.refused");
    expect(r.details.map((d) => d.source)).toEqual([
      "192.0.2.10:25",
      "192.0.2.10:587",
      "192.0.2.10:465",
      "192.0.2.10:993",
    ]);
  });
  it("skips, and says so, only when the user said the server is not installed yet", async () => {
    const r = await run({ nothing: true, notInstalled: true });
    expect(r.status).toBe("skip");
    expect(r.summary).toBe("Not checked: you said the mail server at mail.example.test is not installed yet.");
  });
  it("judges a server that answers even when the user said it is not installed yet (it has been since)", async () => {
    expect((await run({ notInstalled: true })).status).toBe("pass");
    expect((await run({ notInstalled: true, authBeforeTls: true })).summaryRef.key).toBe("smtpTls.authBeforeTls");
  });
});
