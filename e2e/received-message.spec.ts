import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { startBind, type BindServer } from "../test/rig/bind";
import { CLOSED_PORT, freePort } from "../test/rig/ports";
import { makeTestCertificate } from "../test/rig/test-certificate";
import { buildCorpus, corpusZones, makeKeys, SERVER_IP, type CorpusCase } from "../test/headers/corpus";
import { createSetup, expect, test as base } from "./fixtures";

// The Status page's "What the receiver decided" section: a test message sent on
// 587 with a password typed on the spot, a received message pasted and read
// against the corpus's keys in BIND, and a draft scored (no scorer here: the page says so).
const cert = makeTestCertificate(["mail.example.test"]);
const received: string[] = [];

const test = base.extend<{ world: { bind: BindServer; corpus: CorpusCase[]; smtpPort: number } }>({
  world: async ({}, use) => {
    const keys = await makeKeys();
    const bind = await startBind({ address: "127.0.34.1", zones: corpusZones(keys) });
    const smtpPort = await freePort();
    const smtp = new SMTPServer({
      key: cert.keyPem,
      cert: cert.certPem,
      onAuth: (a, _s, cb) =>
        a.password === "mailbox password 1"
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
    await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", r));
    await use({ bind, corpus: await buildCorpus(keys), smtpPort });
    await new Promise<void>((r) => smtp.close(() => r()));
    await bind.stop();
  },
  serverEnv: async ({ world }, use) => {
    const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-rm-ca-")), "ca.pem");
    fs.writeFileSync(ca, cert.caPem);
    await use({
      POSTWRIGHT_RESOLVER: `${world.bind.address}:${world.bind.port}`,
      POSTWRIGHT_CONNECT: `${SERVER_IP}:587=127.0.0.1:${world.smtpPort}`,
      POSTWRIGHT_RSPAMD_URL: `http://127.0.0.1:${CLOSED_PORT}`,
      POSTWRIGHT_SPAMD: `127.0.0.1:${CLOSED_PORT}`,
      NODE_EXTRA_CA_CERTS: ca,
    });
  },
});

const doc = {
  domain: "example.test",
  ipv4: SERVER_IP,
  adminEmail: "owner@example.org",
  mailboxes: [{ address: "anna@example.test", password: "mailbox password 1" }],
};

test("send a test message, read what the receiver decided, score a draft", async ({
  adminPage: page,
  server,
  world,
}) => {
  const id = await createSetup(server, doc);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${server.url}/setups/${id}/status`);

  // Send: a wrong password is named, the right one sends; the password never comes back.
  await page.getByLabel("Its password").fill("wrong password");
  await page.getByLabel("To (an address you can read)").fill("me@receiver.test");
  await page.getByRole("button", { name: "Send the test message" }).click();
  await expect(page.getByText(/Your server refused the login/)).toBeVisible();
  await expect(page.getByLabel("Its password")).toHaveValue("");
  await page.getByLabel("Its password").fill("mailbox password 1");
  await page.getByRole("button", { name: "Send the test message" }).click();
  await expect(page.getByText(/^Sent to me@receiver\.test\./)).toBeVisible();
  expect(received).toEqual(["me@receiver.test"]);

  // Read: not a message, then the DMARC-fail message with its cause and a link to the step that fixes it.
  const source = page.getByLabel("Message source");
  await source.fill("Hello, this is only the text of the mail.");
  await page.getByRole("button", { name: "Read the headers" }).click();
  await expect(page.getByText(/This is not a message source: no header lines/)).toBeVisible();
  await source.fill(world.corpus[4].source);
  await page.getByRole("button", { name: "Read the headers" }).click();
  await expect(page.getByText("DMARC did not pass for example.test: see the fixes below.")).toBeVisible();
  await expect(
    page.getByText(/DMARC fails for example\.test \(policy quarantine\): neither SPF nor DKIM/),
  ).toBeVisible();
  await expect(page.getByText(/The body changed after example\.test signed it/)).toBeVisible();
  await expect(page.getByText(/No content scorer is available here/).first()).toBeVisible();
  const toNetwork = page.getByRole("link", { name: "Open the Network step" }).first();
  await expect(toNetwork).toHaveAttribute("href", `/setups/${id}/network`);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("section[aria-labelledby=received-title] *")]
      .filter((e) => e.getBoundingClientRect().right > 376)
      .map(
        (e) =>
          `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${(e.textContent ?? "").slice(0, 60)}`,
      )
      .slice(0, 8),
  );
  expect(wide).toEqual([]);

  // (The step menu above scrolls sideways by design; this section must not.)
  // Upload: the pass message as an .eml file.
  await source.fill("");
  await page.getByLabel("Or upload a .eml file").setInputFiles({
    name: "pass.eml",
    mimeType: "message/rfc822",
    buffer: Buffer.from(world.corpus[0].source),
  });
  await page.getByRole("button", { name: "Read the headers" }).click();
  await expect(
    page.getByText("DMARC passed: the receiver can trust that this message comes from example.test."),
  ).toBeVisible();

  // Draft: the page says plainly that no scorer answered.
  await page.getByLabel("Subject").fill("Lunch on Friday");
  await page.getByLabel("Text").fill("Are we still on for Friday?");
  await page.getByRole("button", { name: "Score the draft" }).click();
  await expect(
    page
      .locator("form", { has: page.getByRole("button", { name: "Score the draft" }) })
      .getByText(/No content scorer is available here/),
  ).toBeVisible();
});

test("the section speaks French", async ({ adminPage: page, server, world }) => {
  const id = await createSetup(server, doc);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "fr", url: server.url }]);
  await page.goto(`${server.url}/setups/${id}/status`);
  await page.getByLabel("Source du message").fill(world.corpus[1].source);
  await page.getByRole("button", { name: "Lire les en-têtes" }).click();
  await expect(
    page.getByText(/L’enregistrement SPF du domaine example\.test n’autorise pas 198\.51\.100\.25/),
  ).toBeVisible();
  await expect(
    page.getByText(
      "DMARC réussi\u00a0: le destinataire peut se fier à ce que ce message vienne du domaine example.test.",
    ),
  ).toBeVisible();
});
