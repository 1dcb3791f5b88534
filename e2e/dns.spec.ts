import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createSetup, expect, test } from "./fixtures";

const doc = {
  domain: "bücher.example.test",
  ipv4: "203.0.113.30",
  ipv6: "2001:db8::30",
  adminEmail: "owner@example.org",
  dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
};

test("the DNS step shows every record, copies a value to the clipboard, downloads the zone file, rotates DKIM", async ({
  adminPage: page,
  server,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const id = await createSetup(server, doc);

  // Walk there from the setup, through the step navigation.
  await page.goto(`${server.url}/setups/${id}/domain`);
  await page.getByRole("link", { name: /^DNS records/ }).click();
  await expect(page).toHaveURL(new RegExp(`/setups/${id}/dns$`));
  await expect(page.getByRole("heading", { name: "DNS records", exact: true })).toBeVisible();
  await expect(page.getByText("_dmarc.xn--bcher-kva.example.test.xn--bcher-kva.example.test")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reverse DNS (PTR): ask your ISP" })).toBeVisible();

  // The keys the page made are the ones the CLI sees (same database).
  const json = JSON.parse(server.cli(["records", doc.domain, "--format", "json"]).stdout) as {
    records: { host: string; type: string; value: string; txtChunks?: string[] }[];
  };
  const dkim = json.records.find((r) => r.host === "pw1._domainkey")!;
  expect(dkim.txtChunks!.length).toBe(2);

  await page.getByRole("button", { name: "Copy: value of pw1._domainkey TXT" }).click();
  await expect(page.getByRole("button", { name: "Copy: value of pw1._domainkey TXT" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(dkim.value);
  await page.getByRole("button", { name: "Copy: host _dmarc" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("_dmarc");

  // The long DKIM value, as quoted ≤255-byte pieces.
  await page.locator("tr[data-purpose=dkim]").first().getByText("As quoted pieces of at most 255 bytes").click();
  await page.getByRole("button", { name: "Copy: quoted pieces of pw1._domainkey TXT" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    dkim.txtChunks!.map((c) => `"${c}"`).join(" "),
  );

  // The message for the ISP is copied from the text the page shows.
  await page.getByRole("button", { name: "Copy: message to the ISP" }).click();
  const ptrMessage = await page.evaluate(() => navigator.clipboard.readText());
  expect(ptrMessage).toContain("203.0.113.30 → mail.xn--bcher-kva.example.test");
  expect(ptrMessage).toBe(await page.locator("#ptr-message").textContent());

  // Download the zone file: BIND accepts it and it holds the same key.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the zone file (BIND)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("xn--bcher-kva.example.test.zone");
  const file = await download.path();
  const zone = fs.readFileSync(file, "utf8");
  expect(zone).toContain(dkim.txtChunks![0]);
  expect(
    execFileSync("named-checkzone", ["-k", "fail", "-i", "full", "xn--bcher-kva.example.test", file], {
      encoding: "utf8",
    }),
  ).toContain("OK");

  // Rotate, then retire the old selector.
  await page.getByRole("button", { name: "Rotate the keys" }).click();
  await expect(page.getByText("New keys under selector pw2")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy: value of pw2._domainkey TXT" })).toBeVisible();
  await page.getByRole("button", { name: "Retire pw1" }).click();
  await expect(page.getByText("Selector pw1 retired")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy: value of pw1._domainkey TXT" })).toHaveCount(0);

  // Published: the step is complete.
  await page.getByRole("button", { name: "I have published these records" }).click();
  await expect(page.getByRole("link", { name: /DNS records \(complete\)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the checks" })).toBeVisible();

  // A phone screen: nothing of this step is wider than the screen (the step navigation scrolls on its own).
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main section *")]
      .filter((e) => e.getBoundingClientRect().right > 375)
      .map((e) => `${e.tagName} ${(e.textContent ?? "").slice(0, 30)}`),
  );
  expect(wide).toEqual([]);
});

test("a full load of the DNS step sends each record once, as data, and shows the records once the page runs", async ({
  adminPage: page,
  server,
  browser,
}) => {
  const id = await createSetup(server, { ...doc, domain: "once.example.test" });
  await page.goto(`${server.url}/setups/${id}/domain`); // any step: the DNS step makes the keys on its first render
  const json = JSON.parse(server.cli(["records", "once.example.test", "--format", "json"]).stdout) as {
    records: { host: string; type: string; value: string }[];
  };
  const key = json.records.find((r) => r.host === "pw1._domainkey")!.value.split("p=")[1];
  expect(key.length).toBeGreaterThan(300);

  // The HTML of a full load: the page's React payload carries the records; the markup only says they are coming
  // (server-rendered, each would be sent twice: in the markup and again in the payload that hydrates it).
  const res = await page.request.get(`${server.url}/setups/${id}/dns`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html.split(key).length - 1).toBe(1);
  expect(html).toContain("Preparing your records and DKIM keys…");
  expect(html).not.toContain("<table");

  // Without JavaScript the page says why no record appears, and where they all are.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto(`${server.url}/setups/${id}/dns`);
  // (Playwright's text and role queries skip <noscript>: the paragraph is found by its place.)
  const said = plain.locator("noscript > p");
  await expect(said).toBeVisible();
  await expect(said).toContainText("JavaScript is off in this browser");
  await expect(plain.getByRole("link", { name: "Download the zone file" })).toBeVisible();
  await noScript.close();

  // In the browser the records appear, and the waiting line goes; the no-script text is not shown.

  await page.goto(`${server.url}/setups/${id}/dns`);
  await expect(page.locator("tr[data-purpose=dkim] .rec-value code").first()).toHaveText(`v=DKIM1; k=rsa; p=${key}`);
  await expect(page.getByRole("status").filter({ hasText: "Preparing your records" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reverse DNS (PTR): ask your ISP" })).toBeVisible();
  await expect(page.locator("noscript > p")).toHaveCount(0);
});

test("the DNS step in French", async ({ adminPage: page, server, context }) => {
  const id = await createSetup(server, { ...doc, domain: "maison.example.test" });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "fr", url: server.url }]);
  await page.goto(`${server.url}/setups/${id}/dns`);
  await expect(page.getByRole("heading", { name: "Enregistrements DNS", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "DNS inverse (PTR) : à demander à votre FAI" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Télécharger le fichier de zone (BIND)" })).toBeVisible();
});

test("in relay mode the user gives the relay's SPF include domain, and SPF names it", async ({
  adminPage: page,
  server,
}) => {
  const id = await createSetup(server, {
    ...doc,
    domain: "relais.example.test",
    delivery: { mode: "relay", host: "smtp.relay.example", username: "me", password: "relay password 1" },
  });
  await page.goto(`${server.url}/setups/${id}/dns`);
  const spfRow = page.locator("tr[data-purpose=spf]");
  await expect(spfRow).toContainText("v=spf1 ip4:203.0.113.30 ip6:2001:db8::30 a:smtp.relay.example -all");
  await expect(page.getByText(/names the relay smtp\.relay\.example with a:/)).toBeVisible();

  const field = page.getByLabel("SPF include domain of your relay (smtp.relay.example)");
  await field.fill("not a domain!");
  await page.getByRole("button", { name: "Save the include domain" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-spfInclude-error")).toContainText("An SPF include is a domain name");

  await field.fill("spf.relay.example");
  await page.getByRole("button", { name: "Save the include domain" }).click();
  await expect(page.getByText("Saved: the SPF record above now includes it.")).toBeVisible();
  await expect(spfRow).toContainText("v=spf1 ip4:203.0.113.30 ip6:2001:db8::30 include:spf.relay.example -all");
  // The CLI reads the same document.
  expect(server.cli(["records", "relais.example.test"]).stdout).toContain("include:spf.relay.example -all");
  expect(JSON.parse(server.cli(["export", "relais.example.test"]).stdout).delivery.spfInclude).toBe(
    "spf.relay.example",
  );
});
