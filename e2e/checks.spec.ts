import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RIG_IPV4, RIG_IPV6, startChecksRig, type ChecksRig } from "../test/rig/checks-rig";
import { createSetup, expect, test as base } from "./fixtures";

// The checks page against the rig: real BIND for the domain, the page's own
// server aimed at it through the POSTWRIGHT_* variables. The test plays the
// user at the registrar: it publishes the zone the DNS step gives, first
// without the MX record, then with it.
const test = base.extend<{ rig: ChecksRig }>({
  rig: async ({}, use) => {
    const rig = await startChecksRig({ net: "127.0.12" });
    await use(rig);
    await rig.stop();
  },
  serverEnv: async ({ rig }, use) => {
    const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-checks-ca-")), "ca.pem");
    fs.writeFileSync(ca, rig.deps.tlsCa!.join("\n"));
    await use({ ...rig.env(), NODE_EXTRA_CA_CERTS: ca, POSTWRIGHT_CHECK_INTERVAL_MS: "1000" });
  },
});

const doc = { domain: "example.test", ipv4: RIG_IPV4, ipv6: RIG_IPV6, adminEmail: "owner@example.org", dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] } };

test("a failing check turns green without a reload when the missing record is published", async ({ adminPage: page, server, rig }) => {
  const id = await createSetup(server, doc);
  const zone = server.cli(["records", doc.domain, "--format", "zone"]);
  expect(zone.status, zone.stderr).toBe(0);
  const withoutMx = zone.stdout.split("\n").filter((l) => !/\sIN\s+MX\s/.test(l)).join("\n");
  await rig.publish(rig.zoneFor(withoutMx));

  await page.goto(`${server.url}/setups/${id}/checks`);
  await expect(page.getByRole("heading", { name: "Checks", exact: true })).toBeVisible();
  const mx = page.locator("li[data-check=mx]");
  await expect(mx).toHaveAttribute("data-status", "fail");
  await expect(mx).toContainText("example.test has no MX record");
  await expect(mx).toContainText("To fix:");
  // The rest of the zone, as the DNS step made it, passes.
  for (const id of ["ns", "a", "aaaa", "spf", "dkim", "dmarc", "mta-sts", "ptr", "dnsbl"]) await expect(page.locator(`li[data-check=${id}]`)).toHaveAttribute("data-status", "pass");

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
  await expect(page.locator("li[data-check=mx]")).toContainText("example.test reçoit le courrier sur mail.example.test");
  await page.locator("li[data-check=mx]").getByText("Ce qui a été demandé, et à qui").click();
  // Nothing of the page's body sticks out (the details table scrolls inside its own box).
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main section *")]
      .filter((e) => !e.closest(".overflow-x-auto") && e.getBoundingClientRect().right > 375)
      .map((e) => `${e.tagName} ${(e.textContent ?? "").slice(0, 30)}`),
  );
  expect(wide).toEqual([]);
});
