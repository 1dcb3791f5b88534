import fs from "node:fs";
import http from "node:http";
import tls from "node:tls";
import Database from "better-sqlite3";
import { ADMIN_PASSWORD, claimAdmin, createSetup, expect, login, test } from "./fixtures";
import { OTHER_LAN_ADDRESS } from "./lan";
import { lanRequest } from "./lan-request";

// The wizard as a machine on the LAN reaches it, and as another one on the same
// LAN (or a web page open in a browser there) attacks it.

const doc = { domain: "lan.example.test", ipv4: "203.0.113.44", adminEmail: "owner@example.org" };

test("HTTPS from the first start: the certificate whose fingerprint is printed beside the link, HTTP redirected, Secure cookie, copy works", async ({
  page,
  context,
  server,
}) => {
  const printed = server.output().match(/fingerprint it shows is this one before going on:\s+([0-9A-F:]{95})/)?.[1];
  expect(printed, server.output()).toBeTruthy();
  const peer = await new Promise<tls.PeerCertificate>((resolve, reject) => {
    const s = tls.connect(
      { host: server.host, port: server.port, ca: fs.readFileSync(process.env.NODE_EXTRA_CA_CERTS!) },
      () => {
        resolve(s.getPeerCertificate());
        s.end();
      },
    );
    s.on("error", reject);
  });
  expect(peer.fingerprint256).toBe(printed);
  expect(peer.subjectaltname).toContain(`IP Address:${server.host}`);
  // Key and certificate beside the database, owner-only, like the database itself.
  for (const f of ["https.key", "https.crt", "https-ca.key", "postwright.db", "postwright.key"])
    expect(fs.statSync(`${server.dataDir}/${f}`).mode & 0o777, f).toBe(0o600);

  // Plain HTTP on the same port: sent to HTTPS.
  const plain = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(`http://${server.host}:${server.port}/login?x=1`, resolve).on("error", reject),
  );
  expect(plain.statusCode).toBe(308);
  expect(plain.headers.location).toBe(`${server.url}/login?x=1`);
  await page.goto(`http://${server.host}:${server.port}/login`);
  expect(page.url()).toBe(`${server.url}/login`);

  await claimAdmin(page, server);
  const cookie = (await context.cookies()).find((c) => c.name === "pw_session");
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Strict" });

  // A secure context: the clipboard API is there (over plain HTTP on the LAN it is not), and a Copy button copies.
  const id = await createSetup(server, doc);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.goto(`${server.url}/setups/${id}/dns`);
  expect(
    await page.evaluate(() => window.isSecureContext && typeof navigator.clipboard?.writeText === "function"),
  ).toBe(true);
  await page.getByRole("button", { name: "Copy: host _dmarc" }).click();
  await expect(page.getByRole("button", { name: "Copy: host _dmarc" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("_dmarc");

  // Refused by the browser: the value is shown selected, with how to copy it by hand.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  await page.reload();
  await page.getByRole("button", { name: "Copy: host _dmarc" }).click();
  const field = page.getByRole("textbox", { name: "Copy by hand: host _dmarc" });
  await expect(field).toHaveValue("_dmarc");
  await expect(field).toBeFocused();
  expect(await field.evaluate((e: HTMLInputElement) => e.value.slice(e.selectionStart!, e.selectionEnd!))).toBe(
    "_dmarc",
  );
  await expect(page.getByText("press Ctrl+C")).toBeVisible();
});

test("DNS rebinding: another host name gets 421 on every route, with or without a session; the ACME challenge still answers", async ({
  adminPage: page,
  context,
  server,
}) => {
  const id = await createSetup(server, doc);
  const session = (await context.cookies()).find((c) => c.name === "pw_session")!;
  const paths = [
    "/",
    "/login",
    "/account",
    "/setups/new",
    `/setups/${id}/dns`,
    `/setups/${id}/mail`,
    `/api/setups/${id}/bundle`,
    `/api/setups/${id}/export`,
    `/api/setups/${id}/records?format=zone`,
    "/_next/static/chunks/main.js",
    "/favicon.ico",
    "/setup/some-token",
  ];
  const hosts = [
    "evil.test",
    `evil.test:${server.port}`,
    `${server.host}.nip.example`,
    "localhost.evil.test",
    "[2001:db8::1]",
  ];
  let cases = 0;
  for (const host of hosts)
    for (const path of paths)
      for (const method of ["GET", "POST"]) {
        const res = await lanRequest(server.url + path, {
          method,
          from: OTHER_LAN_ADDRESS,
          headers: {
            host,
            origin: `https://${host}`,
            cookie: `pw_session=${session.value}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: method === "POST" ? "password=x" : undefined,
        });
        cases++;
        expect(res.status, `${method} ${host} ${path}`).toBe(421);
        expect(res.headers["content-type"]).toMatch(/^text\/plain/);
        expect(res.text).toContain("POSTWRIGHT_ALLOWED_HOSTS");
        expect(res.text).not.toMatch(/PRIVATE KEY|lan\.example\.test/);
      }
  expect(cases).toBe(hosts.length * paths.length * 2);
  // The CA validating HTTP-01 names the domain, not this box: its route answers (404: no such token).
  const acme = await lanRequest(`${server.url}/.well-known/acme-challenge/no-such-token`, {
    from: OTHER_LAN_ADDRESS,
    headers: { host: "mail.lan.example.test" },
  });
  expect(acme.status).toBe(404);
  expect(acme.text).toBe("not found");
  // A missing or malformed Host is a 400.
  expect((await lanRequest(`${server.url}/login`, { headers: { host: "a b" } })).status).toBe(400);
  // The box's own names and addresses are served.
  for (const host of [`${server.host}:${server.port}`, `localhost:${server.port}`])
    expect((await lanRequest(`${server.url}/login`, { headers: { host } })).status, host).toBe(200);
});

test.describe("a name of the user's own", () => {
  test.use({ serverEnv: { POSTWRIGHT_ALLOWED_HOSTS: "wizard.home.arpa, Other.Example" } });
  test("POSTWRIGHT_ALLOWED_HOSTS adds names to the allow-list (and the certificate)", async ({ server }) => {
    for (const host of ["wizard.home.arpa", "WIZARD.home.arpa.", `other.example:${server.port}`])
      expect((await lanRequest(`${server.url}/login`, { headers: { host } })).status, host).toBe(200);
    expect((await lanRequest(`${server.url}/login`, { headers: { host: "evil.home.arpa" } })).status).toBe(421);
    const cert = new (await import("node:crypto")).X509Certificate(fs.readFileSync(`${server.dataDir}/https.crt`));
    expect(cert.subjectAltName).toContain("DNS:wizard.home.arpa");
  });
});

test("another machine on the LAN cannot lock the admin out, nor get more than a few guesses, whatever X-Forwarded-For says", async ({
  page,
  server,
}) => {
  await claimAdmin(page, server);
  await page.getByRole("button", { name: "Log out" }).click();
  // A real login request, as the browser sends it, to replay from the other machine.
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await login(page, server, "a wrong guess");
  const recorded = await sent;
  await expect(page.getByText("Wrong password.")).toBeVisible();
  const headers = Object.fromEntries(
    Object.entries(recorded.headers()).filter(([k]) => !k.startsWith(":") && k !== "cookie" && k !== "content-length"),
  );
  const body = recorded.postDataBuffer()!;
  const guess = (xff: string) =>
    lanRequest(`${server.url}/login`, {
      method: "POST",
      from: OTHER_LAN_ADDRESS,
      headers: { ...headers, "x-forwarded-for": xff, "x-real-ip": xff, "content-length": String(body.length) },
      body,
    });

  // 100 guesses at once: the try is reserved before the hash runs, so only a few are evaluated.
  const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => guess(`10.9.${i}.1`)));
  expect(burst.every((r) => r.status === 200)).toBe(true);
  // The action answers with its message already translated (every locale, lib/i18n/form-texts).
  const evaluated = burst.filter((r) => r.text.includes("Wrong password.")).length;
  const throttled = burst.filter((r) => r.text.includes("Too many failed attempts")).length;
  expect(evaluated).toBeGreaterThanOrEqual(1);
  expect(evaluated).toBeLessThanOrEqual(4);
  expect(evaluated + throttled).toBe(100);
  // A new X-Forwarded-For each time changes nothing: the socket's address is what counts, and its wait grows.
  let more = 0;
  for (let i = 0; i < 20; i++) if ((await guess(`172.16.0.${i}`)).text.includes("Wrong password.")) more++;
  expect(evaluated + more).toBeLessThanOrEqual(8);

  // Meanwhile the admin, on their own machine, logs in at once.
  const started = Date.now();
  await login(page, server, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(server.output()).not.toMatch(/\n\s+at |Unhandled|TypeError|⨯/);
});

test("sessions belong to the admin: password change and 'log out everywhere' end the others; a removed admin's sessions die", async ({
  browser,
  page,
  context,
  server,
}) => {
  await claimAdmin(page, server);
  const other = await browser.newContext();
  const second = await other.newPage();
  await login(second, server, ADMIN_PASSWORD);
  await expect(second.getByRole("heading", { name: "Your mail setups" })).toBeVisible();

  // The password changes in the first browser: the second is logged out, the first stays in.
  await page.goto(`${server.url}/account`);
  await page.getByLabel("Current password").fill("not it at all");
  await page.getByLabel("New password").fill("a brand new admin password");
  await page.getByLabel("Repeat the password").fill("a brand new admin password");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByText("Wrong password.")).toBeVisible();
  await page.getByLabel("Current password").fill(ADMIN_PASSWORD);
  await page.getByLabel("New password").fill("a brand new admin password");
  await page.getByLabel("Repeat the password").fill("a brand new admin password");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await second.goto(`${server.url}/`);
  await expect(second).toHaveURL(/\/login$/);
  await page.goto(`${server.url}/`);
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();
  await login(second, server, "a brand new admin password");
  await expect(second.getByRole("heading", { name: "Your mail setups" })).toBeVisible();

  // Log out everywhere, from the second browser: both are out, and a copied cookie is dead.
  const copied = (await context.cookies()).find((c) => c.name === "pw_session")!.value;
  await second.goto(`${server.url}/account`);
  await second.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(second).toHaveURL(/\/login$/);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login$/);
  const withCopy = await lanRequest(`${server.url}/api/setups/x/export`, {
    headers: { cookie: `pw_session=${copied}` },
  });
  expect(withCopy.status).toBe(401);

  // The admin row removed by hand and a new admin set through a new link: old sessions do not come back.
  await login(page, server, "a brand new admin password");
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();
  const before = (await context.cookies()).find((c) => c.name === "pw_session")!.value;
  const sqlite = new Database(server.env.DATABASE_URL!.slice(5));
  sqlite.prepare('DELETE FROM "Admin"').run();
  sqlite.close();
  const link = server.cli(["setup-link", "--port", String(server.port)]);
  expect(link.status, link.stderr).toBe(0);
  expect(link.stdout).toMatch(/^certificate SHA-256 fingerprint: [0-9A-F:]{95}$/m);
  const path = link.stdout.match(/\/setup\/[\w-]+/)![0];
  const third = await (await browser.newContext()).newPage();
  await third.goto(server.url + path);
  await third.getByLabel("New password").fill("the next admin's password");
  await third.getByLabel("Repeat the password").fill("the next admin's password");
  await third.getByRole("button", { name: "Set the password" }).click();
  await expect(third.getByRole("heading", { name: "Your mail setups" })).toBeVisible();
  expect(
    (await lanRequest(`${server.url}/api/setups/x/export`, { headers: { cookie: `pw_session=${before}` } })).status,
  ).toBe(401);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login$/);
  await other.close();
});
