import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../lib/generated/prisma/client";
import { RIG_IPV4 } from "../test/rig/checks-rig";
import { makeTestCertificate } from "../test/rig/test-certificate";
import { testWithChecksRig } from "./checks-rig-fixture";
import { createSetup, expect } from "./fixtures";

// The status page: the schedule re-runs every check while the app runs (every
// 3 s here), the page says what changed between the last two runs, and how
// many days the certificate has left.
const test = testWithChecksRig({ POSTWRIGHT_CHECK_SCHEDULE_MINUTES: "0.05", POSTWRIGHT_DNS_CACHE_MS: "0" });

test.afterEach(async ({ page }) => {
  await page.goto("about:blank");
});

const doc = { domain: "example.test", ipv4: RIG_IPV4, adminEmail: "owner@example.org" };

test("the schedule re-runs the checks; the status page shows what changed and the certificate's days left", async ({
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

  // Nobody has the page open: the schedule runs the checks by itself, and a stored run sees no MX.
  const mxIs = (html: string, status: string) => new RegExp(`data-check="mx" data-status="${status}"`).test(html);
  await expect
    .poll(async () => mxIs(await fetchStatus(page, server.url, id), "fail"), { timeout: 30_000, intervals: [1000] })
    .toBe(true);
  await rig.publish(rig.zoneFor(zone.stdout));
  // A later scheduled run sees the MX record: the page names the change.
  await expect
    .poll(async () => /\bMX: Fail → Pass/.test(await fetchStatus(page, server.url, id)), {
      timeout: 40_000,
      intervals: [1000],
    })
    .toBe(true);

  // A certificate with 40 days left, as the Certificate step stores it.
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: server.env.DATABASE_URL! }) });
  const now = Date.now();
  const { certPem } = makeTestCertificate(["mail.example.test"]);
  await db.certificate.create({
    data: {
      setupId: id,
      names: JSON.stringify(["mail.example.test"]),
      issuer: "Postwright test CA",
      chainPem: certPem,
      secretId: "none",
      notBefore: new Date(now - 50 * 86_400_000),
      notAfter: new Date(now + 40.5 * 86_400_000),
    },
  });
  await db.$disconnect();

  await page.goto(`${server.url}/setups/${id}/status`);
  await expect(page.getByRole("heading", { name: "Status" })).toBeVisible();
  await expect(page.getByTestId("days-left")).toHaveText(/^40 days left/);
  await expect(page.getByText(/\bMX: Fail → Pass/)).toBeVisible();
  await expect(page.getByText(/Next scheduled run/)).toBeVisible();
  // On demand: the live list runs every check again from the page.
  await page
    .getByRole("button", { name: /Check now|Checking/ })
    .first()
    .click();
  await expect(page.getByText(/\d+ pass, /)).toBeVisible();
  await expect(page.locator("li[data-check=mx]")).toHaveAttribute("data-status", "pass", { timeout: 20_000 });
  await expect(page.getByText("The checks could not run")).toHaveCount(0);

  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByTestId("days-left")).toHaveText(/^40 jours restants/);
});

async function fetchStatus(page: import("@playwright/test").Page, url: string, id: string): Promise<string> {
  const res = await page.request.get(`${url}/setups/${id}/status`);
  return res.text();
}
