import { RIG_IPV4, RIG_IPV6 } from "../test/rig/checks-rig";
import { testWithChecksRig } from "./checks-rig-fixture";
import { createSetup, expect } from "./fixtures";

// The checks page against the rig: real BIND for the domain, the page's own
// server aimed at it through the POSTWRIGHT_* variables. The test plays the
// user at the registrar: it publishes the zone the DNS step gives, first
// without the MX record, then with it.
const test = testWithChecksRig({ POSTWRIGHT_CHECK_INTERVAL_MS: "1000" });

// Stop the page's re-checking before the server is torn down.
test.afterEach(async ({ page }) => {
  await page.goto("about:blank");
});

const doc = {
  domain: "example.test",
  ipv4: RIG_IPV4,
  ipv6: RIG_IPV6,
  adminEmail: "owner@example.org",
  dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
};

test("a failing check turns green without a reload when the missing record is published", async ({
  adminPage: page,
  server,
  rig,
}) => {
  const id = await createSetup(server, doc);
  const zone = server.cli(["records", doc.domain, "--format", "zone"]);
  expect(zone.status, zone.stderr).toBe(0);
  const withoutMx = zone.stdout
    .split("\n")
    .filter((l) => !/\sIN\s+MX\s/.test(l))
    .join("\n");
  await rig.publish(rig.zoneFor(withoutMx));

  await page.goto(`${server.url}/setups/${id}/checks`);
  await expect(page.getByRole("heading", { name: "Checks", exact: true })).toBeVisible();
  const mx = page.locator("li[data-check=mx]");
  await expect(mx).toHaveAttribute("data-status", "fail");
  await expect(mx).toContainText("example.test has no MX record");
  await expect(mx).toContainText("To fix:");
  // The rest of the zone, as the DNS step made it, passes.
  for (const id of ["ns", "a", "aaaa", "spf", "dkim", "dmarc", "mta-sts", "ptr", "dnsbl"])
    await expect(page.locator(`li[data-check=${id}]`)).toHaveAttribute("data-status", "pass");

  // Per nameserver: each was asked directly.
  await mx.getByText("What was asked, of whom").click();
  await expect(mx.getByRole("cell", { name: /^ns1\.example\.test/ })).toBeVisible();
  await expect(mx.getByRole("cell", { name: /^ns2\.example\.test/ })).toBeVisible();

  const navigations: string[] = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
  await rig.publish(rig.zoneFor(zone.stdout));
  await expect(mx).toHaveAttribute("data-status", "pass", { timeout: 20_000 });
  await expect(mx).toContainText("example.test receives mail at mail.example.test");
  await expect(mx).toContainText("changed (was Fail)");
  expect(navigations).toEqual([]);

  // The run was stored: the CLI sees the same latest results.
  const cli = server.cli(["check", doc.domain, "--json", "--only", "mx"], undefined);
  expect(JSON.parse(cli.stdout).checks[0].status).toBe("pass");
});

test("the page is in French too, and 375 px wide works", async ({ adminPage: page, server, rig }) => {
  const id = await createSetup(server, doc);
  await rig.publish(rig.zoneFor(server.cli(["records", doc.domain, "--format", "zone"]).stdout));
  await page.setViewportSize({ width: 375, height: 800 });
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "fr", url: server.url }]);
  await page.goto(`${server.url}/setups/${id}/checks`);
  await expect(page.getByRole("heading", { name: "Vérifications", exact: true })).toBeVisible();
  await expect(page.locator("li[data-check=mx]")).toContainText(
    "example.test reçoit le courrier sur mail.example.test",
  );
  await page.locator("li[data-check=mx]").getByText("Ce qui a été demandé, et à qui").click();
  // Nothing of the page's body sticks out (the details table scrolls inside its own box).
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main section *")]
      .filter((e) => !e.closest(".overflow-x-auto") && e.getBoundingClientRect().right > 375)
      .map((e) => `${e.tagName} ${(e.textContent ?? "").slice(0, 30)}`),
  );
  expect(wide).toEqual([]);
});

const blocked = test.extend({
  serverEnv: async ({ rig, serverEnv }, use) => {
    // Nothing listens there: as when the ISP drops outbound port 25.
    await use({ ...serverEnv, POSTWRIGHT_PORT25_PROBES: "127.0.12.8:9" });
    void rig;
  },
});

blocked(
  "the Network step shows the preflight checks and, with port 25 blocked, switches to a relay",
  async ({ adminPage: page, server }) => {
    const id = await createSetup(server, doc);
    await page.goto(`${server.url}/setups/${id}/network`);
    await expect(page.getByRole("heading", { name: "Network", exact: true })).toBeVisible();
    const port25 = page.locator("li[data-check=port25-outbound]");
    await expect(port25).toHaveAttribute("data-status", "fail");
    await expect(port25).toContainText("Outbound port 25 is blocked");
    for (const id of ["public-ip", "cgnat", "dnsbl", "dynamic-ip"])
      await expect(page.locator(`li[data-check=${id}]`)).toHaveAttribute("data-status", "pass");
    await expect(page.locator("li[data-check=mx]")).toHaveCount(0);

    const form = page.getByRole("form", { name: "Send through a relay (smarthost)" });
    await form.getByLabel("Relay host").fill("smtp.relay.example");
    await form.getByLabel("Username").fill("me@example.test");
    await form.getByRole("button", { name: "Use this relay" }).click();
    await expect(form.getByText("Please correct the fields marked.")).toBeVisible();
    await form.getByLabel("Password", { exact: true }).fill("a relay password");
    await form.getByRole("button", { name: "Use this relay" }).click();
    await expect(page.getByText("Mail leaves through the relay smtp.relay.example:587.")).toBeVisible();

    const exported = JSON.parse(server.cli(["export", doc.domain]).stdout);
    expect(exported.delivery).toEqual({
      mode: "relay",
      host: "smtp.relay.example",
      port: 587,
      username: "me@example.test",
    });
    expect(JSON.stringify(exported)).not.toContain("a relay password");
    await page.reload();
    await expect(page.locator("li[data-check=port25-outbound]")).toHaveAttribute("data-status", "skip");
  },
);
