import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTestMessage } from "@/lib/send-test/send-test-message";
import { CLOSED_PORT, freePort } from "../rig/ports";
import { makeTestCertificate } from "../rig/test-certificate";

const cert = makeTestCertificate(["mail.example.test"]);
const received: { from: string; to: string[]; data: string }[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = new SMTPServer({
    key: cert.keyPem,
    cert: cert.certPem,
    authMethods: ["PLAIN", "LOGIN"],
    // Like the bundle's submission service: no AUTH before STARTTLS.
    allowInsecureAuth: false,
    onAuth(auth, _session, cb) {
      if (auth.username === "anna@example.test" && auth.password === "correct horse battery")
        return cb(null, { user: auth.username });
      cb(Object.assign(new Error("5.7.8 Authentication failed"), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      let data = "";
      stream.on("data", (d) => (data += d));
      stream.on("end", () => {
        received.push({
          from: String(session.envelope.mailFrom && session.envelope.mailFrom.address),
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const base = {
  hostname: "mail.example.test",
  from: "anna@example.test",
  to: "me@receiver.test",
  timeoutMs: 5000,
};

describe("send a test message", () => {
  it("submits over STARTTLS with the mailbox's login to the address given", async () => {
    const r = await sendTestMessage({
      ...base,
      connect: { host: "127.0.0.1", port },
      password: "correct horse battery",
      tlsCa: [cert.caPem],
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(received.at(-1)).toMatchObject({ from: "anna@example.test", to: ["me@receiver.test"] });
    expect(received.at(-1)!.data).toMatch(/^Subject: Test message from my new mail server/m);
  });

  it("names what went wrong: the password, the certificate, the connection", async () => {
    const auth = await sendTestMessage({
      ...base,
      connect: { host: "127.0.0.1", port },
      password: "wrong",
      tlsCa: [cert.caPem],
    });
    expect(auth).toMatchObject({ ok: false, reason: "auth" });
    const tls = await sendTestMessage({
      ...base,
      connect: { host: "127.0.0.1", port },
      password: "correct horse battery",
    });
    expect(tls).toMatchObject({ ok: false, reason: "tls" });
    const closed = await sendTestMessage({
      ...base,
      connect: { host: "127.0.0.1", port: CLOSED_PORT },
      password: "x",
      tlsCa: [cert.caPem],
    });
    expect(closed).toMatchObject({ ok: false, reason: "connect" });
  });
});
