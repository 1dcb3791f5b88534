import fs from "node:fs";
import path from "node:path";
import { ADMIN_PASSWORD, claimAdmin, createSetup, expect, login, test } from "./fixtures";

test("a new user claims the wizard, creates a setup, and finds it after a restart, in French too", async ({
  page,
  server,
}) => {
  // First run: the console shows the one-time link; it sets the admin password.
  await claimAdmin(page, server);
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();

  // The link is spent.
  const link = server.setupLink()!;
  await page.goto(server.url + link);
  await expect(page.getByText("The admin password is already set.")).toBeVisible();

  // Log out, fail once, log in.
  await page.goto(server.url);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, server, "not the password");
  await expect(page.getByText("Wrong password.")).toBeVisible();
  await login(page, server, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();

  // A new setup with an international domain, a bad host name and a bad IPv4 first.
  await page.getByRole("link", { name: "New setup" }).click();
  await page.getByLabel("Domain", { exact: true }).fill("bücher.example.test");
  await page.getByLabel("Mail server host name").fill("mail..bücher.example.test");
  await page.getByLabel("Public IPv4 address").fill("203.0.113.300");
  await page.getByLabel("Your contact address").fill("owner@example.org");
  await page.getByRole("button", { name: "Add a mailbox" }).click();
  await page.getByLabel("Mailbox 1: address").fill("ana@bücher.example.test");
  await page.getByLabel("Mailbox 1: password").fill("a long mailbox password");
  await page.getByRole("button", { name: "Create the setup" }).click();

  const host = page.getByLabel("Mail server host name");
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-hostname-error")).toContainText("Not a valid host name");
  await expect(page.getByLabel("Public IPv4 address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-ipv4-error")).toContainText("Not a valid IPv4 address");
  await expect(page.getByRole("alert").filter({ hasText: "nothing was saved" })).toBeVisible();
  // What was typed is still there, except the password.
  await expect(page.getByLabel("Domain", { exact: true })).toHaveValue("bücher.example.test");

  await host.fill("mail.bücher.example.test");
  await page.getByLabel("Public IPv4 address").fill("203.0.113.30");
  await page.getByLabel("Mailbox 1: password").fill("a long mailbox password");
  await page.getByRole("button", { name: "Create the setup" }).click();
  await expect(page).toHaveURL(/\/setups\/[^/]+\/network$/);
  await expect(page.getByRole("heading", { name: "bücher.example.test" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Domain \(complete\)/ })).toBeVisible();

  // Restart: everything is still there.
  const setupUrl = page.url().replace(/\/network$/, "/domain");
  await server.restart();
  await page.goto(setupUrl);
  // Shown as people read it; stored in ASCII (the CLI export shows the stored form).
  await expect(page.getByLabel("Domain", { exact: true })).toHaveValue("bücher.example.test");
  await expect(page.getByLabel("Mail server host name")).toHaveValue("mail.bücher.example.test");
  expect(JSON.parse(server.cli(["export", "bücher.example.test"]).stdout)).toMatchObject({
    domain: "xn--bcher-kva.example.test",
    hostname: "mail.xn--bcher-kva.example.test",
  });
  await expect(page.getByLabel("Public IPv4 address")).toHaveValue("203.0.113.30");
  await expect(page.getByLabel("Mailbox 1: address")).toHaveValue("ana@bücher.example.test");
  await expect(page.getByText("password set")).toBeVisible();

  // Switch to French.
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Domaine, adresses et politiques" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("the database holds no secret in clear text", async ({ adminPage: page, server }) => {
  const r = server.cli(
    ["import", "-"],
    JSON.stringify({
      domain: "secret.example.test",
      ipv4: "203.0.113.40",
      adminEmail: "owner@example.org",
      mailboxes: [{ address: "bob@secret.example.test", password: "mailbox-password-in-clear" }],
      delivery: {
        mode: "relay",
        host: "smtp.relay.example.net",
        port: 587,
        username: "bob",
        password: "relay-password-in-clear",
      },
    }),
  );
  expect(r.status, r.stderr).toBe(0);
  await page.goto(server.url);
  await expect(page.getByRole("link", { name: "secret.example.test" }).first()).toBeVisible();
  await server.stop(); // flush the WAL into the file
  const files = fs.readdirSync(server.dataDir).map((f) => path.join(server.dataDir, f));
  const bytes = Buffer.concat(files.filter((f) => !f.endsWith(".key")).map((f) => fs.readFileSync(f)));
  for (const secret of ["mailbox-password-in-clear", "relay-password-in-clear", ADMIN_PASSWORD]) {
    expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
  }
  // …and no bcrypt hash in clear either: hashes are sealed too.
  expect(/\$2[aby]\$10\$/.test(bytes.toString("latin1"))).toBe(false);
  expect(fs.statSync(path.join(server.dataDir, "postwright.key")).mode & 0o777).toBe(0o600);
});

test("the CLI round-trips a setup and refuses a malformed file without changing anything", async ({ server }) => {
  const doc = {
    domain: "roundtrip.example.test",
    hostname: "mx.roundtrip.example.test",
    ipv4: "203.0.113.50",
    ipv6: "2001:db8::50",
    adminEmail: "owner@example.org",
    delivery: { mode: "relay", host: "smtp.relay.example.net", port: 465, username: "rt", password: "relay secret" },
    dkim: { selector: "s1", algorithms: ["rsa-2048", "ed25519"] },
    dmarc: { policy: "reject", reportEmail: "dmarc@roundtrip.example.test" },
    mtaSts: { mode: "enforce" },
    mailboxes: [{ address: "ana@roundtrip.example.test", password: "a long mailbox password" }],
    aliases: [{ from: "info@roundtrip.example.test", to: "ana@roundtrip.example.test" }],
    acme: { directory: "letsencrypt-staging", email: "owner@example.org", challenge: "dns-01-manual" },
    // Not the defaults, so that the round trip shows it keeps them.
    roleMailbox: "ana@roundtrip.example.test",
    pop3s: true,
    inbound: { greylisting: true },
  };
  expect(server.cli(["import", "-"], JSON.stringify(doc)).status).toBe(0);
  const out = server.cli(["export", "roundtrip.example.test"]);
  expect(out.status).toBe(0);
  const exported = JSON.parse(out.stdout);
  expect(out.stdout).not.toContain("relay secret");
  expect(out.stdout).not.toContain("a long mailbox password");
  // Everything given comes back, secrets excepted (fields the document gained since may come back with their defaults).
  const { password: _r, ...delivery } = doc.delivery;
  expect(exported).toMatchObject({ ...doc, delivery, mailboxes: [{ address: "ana@roundtrip.example.test" }] });
  expect(exported.delivery).toEqual(delivery);
  expect(exported.mailboxes).toEqual([{ address: "ana@roundtrip.example.test" }]);

  // Re-importing the export changes nothing.
  expect(server.cli(["import", "-"], out.stdout).status).toBe(0);
  expect(JSON.parse(server.cli(["export", "roundtrip.example.test"]).stdout)).toEqual(exported);

  const bad = server.cli(
    ["import", "-"],
    JSON.stringify({ ...doc, ipv4: "300.1.1.1", mailboxes: [{ address: "not an address" }] }),
  );
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("ipv4: Not a valid IPv4 address");
  expect(bad.stderr).toContain("mailboxes[0].address: Not a valid e-mail address");
  expect(JSON.parse(server.cli(["export", "roundtrip.example.test"]).stdout)).toEqual(exported);

  const notJson = server.cli(["import", "-"], "{ nope");
  expect(notJson.status).toBe(2);
  expect(notJson.stderr).toContain("is not valid JSON");
  expect(server.cli(["export", "missing.example.test"]).status).toBe(2);
  expect(JSON.parse(server.cli(["schema"]).stdout).properties.domain).toBeTruthy();
});

test("every step fits a phone-sized screen and works by keyboard", async ({ adminPage: page, server }) => {
  const id = await createSetup(server, {
    domain: "phone.example.test",
    ipv4: "203.0.113.44",
    adminEmail: "owner@example.org",
  });
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["/", "/setups/new", `/setups/${id}/domain`, `/setups/${id}/network`]) {
    await page.goto(server.url + path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  // Keyboard only: skip link, then Tab reaches the form and Enter submits it.
  await page.goto(`${server.url}/setups/${id}/domain`);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("Public IPv4 address").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("999.1.1.1");
  await page.keyboard.press("Enter");
  await expect(page.locator("#f-ipv4-error")).toContainText("Not a valid IPv4 address");
  await expect(page.getByLabel("Public IPv4 address")).toBeFocused();
});

test("a mistyped environment variable stops the server with a message naming it", async () => {
  const { startServer } = await import("./server");
  const err = await startServer({
    POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "often",
    POSTWRIGHT_RESOLVER: "not a resolver",
  }).then(
    async (s) => {
      await s.stop();
      return "";
    },
    (e: Error) => e.message,
  );
  expect(err).toContain("Postwright cannot start");
  expect(err).toContain('POSTWRIGHT_CHECK_SCHEDULE_MINUTES="often"');
  expect(err).toMatch(/resolver/);
});
