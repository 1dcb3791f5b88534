import net from "node:net";
import { ACME_NET, startAcmeWorld, type AcmeWorld } from "../test/rig/acme-world";
import { createSetup, expect, test as base } from "./fixtures";

// Pebble (the CA) and BIND (the domain's nameserver) on helper #5's loopback
// range; the server's env aims lib/acme at them (see lib/acme/acme-env.ts).
const test = base.extend<object, { world: AcmeWorld }>({
  world: [
    async ({}, use) => {
      const world = await startAcmeWorld({ dynamic: ["e2e-cert.test", "e2e-crash.test", "e2e-http.test"], twoNs: [] });
      await use(world);
      await world.stop();
    },
    { scope: "worker" },
  ],
  serverEnv: async ({ world }, use) => {
    await use({
      POSTWRIGHT_ACME_DIRECTORY: world.pebble.directoryUrl,
      POSTWRIGHT_ACME_CA_CERT: world.pebble.listenerCaFile,
      POSTWRIGHT_DNS_SERVERS: `${world.ns1.address}:${world.ns1.port}`,
      POSTWRIGHT_DNS_NAMESERVER_PORT: String(world.ns1.port),
      POSTWRIGHT_ACME_HTTP_PORT: String(world.pebble.httpPort),
      POSTWRIGHT_ACME_CAA_IDENTITIES: "pebble.test",
      POSTWRIGHT_RENEWAL_INTERVAL_MINUTES: "0",
    });
  },
});

test("the Certificate step gets a certificate with DNS-01 by hand, the user publishing the TXT records", async ({
  adminPage: page,
  server,
  world,
}) => {
  const id = await createSetup(server, {
    domain: "e2e-cert.test",
    adminEmail: "owner@e2e-cert.test",
    ipv4: "192.0.2.10",
  });
  await page.goto(`${server.url}/setups/${id}/certificate`);
  await expect(page.getByRole("heading", { name: "TLS certificate" })).toBeVisible();
  await expect(page.getByText("e2e-cert.test: no CAA record, every CA may issue.").first()).toBeVisible();

  // Nothing listens on port 80 here: HTTP-01 is not what the page recommends.
  const manual = page.getByRole("radio", { name: /DNS record, by hand/ });
  await expect(page.locator("label", { has: manual }).getByText("Recommended")).toBeVisible();
  await manual.check();

  // RFC 2136 needs its key; the terms must be accepted. Choices survive the refusal.
  await page.getByRole("radio", { name: /DNS record, automatic/ }).check();
  await page.getByRole("button", { name: "Get the certificate" }).click();
  await expect(page.locator("#f-tsigName-error")).toHaveText("Required.");
  await expect(page.getByRole("radio", { name: /DNS record, automatic/ })).toBeChecked();
  await manual.check();
  await page.getByRole("button", { name: "Get the certificate" }).click();
  await expect(page.locator("#f-agreeTos-error")).toHaveText("You must accept the terms of service.");
  await expect(manual).toBeChecked();
  await page.getByRole("checkbox", { name: /I accept the CA's terms of service/ }).check();
  await page.getByRole("button", { name: "Get the certificate" }).click();

  // The page shows one TXT record per name and watches the nameservers.
  await expect(page.getByTestId("txt-name")).toHaveText([
    "_acme-challenge.mail.e2e-cert.test",
    "_acme-challenge.mta-sts.e2e-cert.test",
    "_acme-challenge.autoconfig.e2e-cert.test",
    "_acme-challenge.autodiscover.e2e-cert.test",
  ]);
  await expect(page.getByText("ns1.e2e-cert.test (127.0.13.2) does not serve it yet").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy: Value" }).first()).toBeVisible();
  const names = await page.getByTestId("txt-name").allTextContents();
  const values = await page.getByTestId("txt-value").allTextContents();
  // The Setup document now names this CA and method (the DNS plan's CAA record follows it).
  expect(JSON.parse(server.cli(["export", "e2e-cert.test"]).stdout).acme).toMatchObject({
    directory: world.pebble.directoryUrl,
    challenge: "dns-01-manual",
  });

  // The user adds the records at the DNS host.
  world.ns1.update(
    "e2e-cert.test",
    names.map((n, i) => `update add ${n}. 60 TXT "${values[i]}"`),
  );

  // The page notices, the CA validates, the certificate appears.
  await expect(page.getByRole("heading", { name: "Current certificate" })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText("mail.e2e-cert.test, mta-sts.e2e-cert.test, autoconfig.e2e-cert.test, autodiscover.e2e-cert.test"),
  ).toBeVisible();
  await expect(page.getByText(/Pebble Intermediate CA/)).toBeVisible();
  await expect(page.getByTestId("cert-expiry")).toHaveText(/20\d\d/);
  await expect(page.getByTestId("cert-days-left")).toHaveText(/^(89|90) days$/);
  await expect(page.getByRole("link", { name: "Certificate" })).toBeVisible();
  expect(world.pebble.orderCount()).toBe(1);

  // Renew by hand: a new order, new TXT values to publish, then a new certificate. A CA may reuse a name's
  // recent proof (Let's Encrypt does; Pebble too, 1 time in 100 per name even with PEBBLE_AUTHZREUSE=0, as it
  // tests rand.Intn(100) > 0): the page then asks for fewer records and names the others.
  await page.getByRole("button", { name: "Renew now" }).click();
  await expect(page.getByText("Renewal started: progress appears below.")).toBeVisible();
  const asked = async () => {
    const line = page.getByTestId("already-valid");
    const reused = (await line.count()) ? /for (.+): no record/.exec(await line.innerText())![1].split(", ") : [];
    const shown = await page.getByTestId("txt-name").allTextContents();
    return [...shown, ...reused.map((n) => `_acme-challenge.${n}`)].sort();
  };
  await expect.poll(asked, { timeout: 15_000 }).toEqual([...names].sort());
  const renewNames = await page.getByTestId("txt-name").allTextContents();
  const renewValues = await page.getByTestId("txt-value").allTextContents();
  expect(renewValues.length).toBeGreaterThan(0);
  for (const v of renewValues) expect(values).not.toContain(v);
  world.ns1.update(
    "e2e-cert.test",
    renewNames.map((n, i) => `update add ${n}. 60 TXT "${renewValues[i]}"`),
  );
  await expect(page.getByTestId("txt-value")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Current certificate" })).toBeVisible();
  expect(world.pebble.orderCount()).toBe(2);
});

test("an order survives a server crash: after the restart the page resumes the same order", async ({
  adminPage: page,
  server,
  world,
}) => {
  const id = await createSetup(server, {
    domain: "e2e-crash.test",
    adminEmail: "owner@e2e-crash.test",
    ipv4: "192.0.2.10",
  });
  const ordersBefore = world.pebble.orderCount();
  await page.goto(`${server.url}/setups/${id}/certificate`);
  await page.getByRole("radio", { name: /DNS record, by hand/ }).check();
  await page.getByRole("checkbox", { name: /I accept the CA's terms of service/ }).check();
  await page.getByRole("button", { name: "Get the certificate" }).click();
  await expect(page.getByTestId("txt-value")).toHaveCount(4);
  const names = await page.getByTestId("txt-name").allTextContents();
  const values = await page.getByTestId("txt-value").allTextContents();

  await server.crash();
  await server.start();
  await page.goto(`${server.url}/setups/${id}/certificate`);
  await expect(page.getByTestId("txt-value")).toHaveText(values);

  world.ns1.update(
    "e2e-crash.test",
    names.map((n, i) => `update add ${n}. 60 TXT "${values[i]}"`),
  );
  await expect(page.getByRole("heading", { name: "Current certificate" })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText(
      "mail.e2e-crash.test, mta-sts.e2e-crash.test, autoconfig.e2e-crash.test, autodiscover.e2e-crash.test",
    ),
  ).toBeVisible();
  expect(world.pebble.orderCount() - ordersBefore).toBe(1);
});

test("HTTP-01: the app itself answers the CA on /.well-known/acme-challenge/, without a session", async ({
  adminPage: page,
  server,
  world,
}) => {
  // Port 80 of the mail host (here the port Pebble's VA dials on 127.0.13.3) forwarded to the app, as a router would.
  const forward = net.createServer((c) => {
    const up = net.connect(server.port, server.host);
    c.pipe(up).pipe(c);
    up.on("error", () => c.destroy());
    c.on("error", () => up.destroy());
  });
  await new Promise<void>((r) => forward.listen(world.pebble.httpPort, ACME_NET.mailhost, r));
  try {
    const id = await createSetup(server, {
      domain: "e2e-http.test",
      adminEmail: "owner@e2e-http.test",
      ipv4: "192.0.2.10",
    });
    await page.goto(`${server.url}/setups/${id}/certificate`);
    await expect(page.getByText(`Port ${world.pebble.httpPort} of mail.e2e-http.test answers.`)).toBeVisible();
    await page.getByRole("radio", { name: /Web check on port 80/ }).check();
    await page.getByRole("checkbox", { name: /I accept the CA's terms of service/ }).check();
    await page.getByRole("button", { name: "Get the certificate" }).click();
    await expect(page.getByRole("heading", { name: "Current certificate" })).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText("mail.e2e-http.test, mta-sts.e2e-http.test, autoconfig.e2e-http.test, autodiscover.e2e-http.test"),
    ).toBeVisible();
    expect(world.pebble.log()).toMatch(/authz \S+ set VALID by completed challenge/);
  } finally {
    await new Promise((r) => forward.close(r));
  }
});

test("a CA that cannot be reached is said in plain words within seconds; the terms are checked before anything is sent", async ({
  adminPage: page,
  server,
}) => {
  const id = await createSetup(server, {
    domain: "e2e-deadca.test",
    adminEmail: "owner@e2e-deadca.test",
    ipv4: "192.0.2.10",
  });
  await page.goto(`${server.url}/setups/${id}/certificate`);
  await page.getByRole("combobox", { name: "Certificate authority" }).selectOption("custom");
  // Nothing listens there: connections are refused.
  await page.getByLabel("ACME directory URL").fill("https://127.0.13.250:14000/dir");
  await page.getByRole("radio", { name: /DNS record, by hand/ }).check();
  const started = Date.now();
  await page.getByRole("button", { name: "Get the certificate" }).click();
  await expect(page.locator("#f-agreeTos-error")).toHaveText("You must accept the terms of service.");
  expect(Date.now() - started).toBeLessThan(5_000);

  await page.getByRole("checkbox", { name: /I accept the CA's terms of service/ }).check();
  await page.getByRole("button", { name: "Get the certificate" }).click();
  await expect(
    page.getByText("This machine could not talk to the CA at https://127.0.13.250:14000/dir.", { exact: false }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/reading 'config'|\n\s+at /)).toHaveCount(0);
  await expect(page.getByLabel("ACME directory URL")).toHaveValue("https://127.0.13.250:14000/dir");
});
