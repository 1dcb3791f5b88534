// The Mail step's postconf check never holds the server: while one Mail page
// waits for a slow postconf, other pages answer as usual, and the Mail page
// itself shows its frame first and the check's result when it comes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSetup, expect, test } from "./fixtures";

const SLOW_SECONDS = 4;
const realPostconf = ["/usr/sbin/postconf", "/usr/bin/postconf"].find((p) => fs.existsSync(p));
const slowPostconf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-slow-postconf-")), "postconf");
fs.writeFileSync(slowPostconf, `#!/bin/sh\nsleep ${SLOW_SECONDS}\nexec ${realPostconf ?? "/bin/true"} "$@"\n`);
fs.chmodSync(slowPostconf, 0o755);

test.use({ serverEnv: { POSTWRIGHT_POSTCONF: slowPostconf } });

test("a Mail page waiting for postconf does not hold other pages", async ({ adminPage: page, server }) => {
  test.skip(!realPostconf, "Postfix is not installed here");
  const id = await createSetup(server, {
    domain: "latency.example.test",
    ipv4: "203.0.113.44",
    adminEmail: "owner@example.org",
  });
  const mailUrl = `${server.url}/setups/${id}/mail`;
  const started = Date.now();
  const mail = page.request.get(mailUrl);
  // Give the Mail request time to reach postconf, then time another page meanwhile.
  await new Promise((r) => setTimeout(r, 1000));
  const t0 = Date.now();
  const other = await page.request.get(`${server.url}/setups/${id}/domain`);
  const otherMs = Date.now() - t0;
  expect(other.status()).toBe(200);
  const mailDone = await mail;
  const mailMs = Date.now() - started;
  expect(mailDone.status()).toBe(200);
  expect(mailMs).toBeGreaterThanOrEqual(SLOW_SECONDS * 1000);
  // Blocked, the other page would have waited for postconf (about 3 s more).
  expect(otherMs).toBeLessThan(2000);
  expect(Date.now() - started).toBeGreaterThan(otherMs + 1000);
  expect(await mailDone.text()).toContain("Postfix on this machine reads the rendered main.cf");

  // In the browser, for files postconf has not seen: the page frame with a loading state first, then the verdict.
  const other2 = await createSetup(server, {
    domain: "latency2.example.test",
    ipv4: "203.0.113.45",
    adminEmail: "owner@example.org",
  });
  await page.goto(`${server.url}/setups/${other2}/mail`, { waitUntil: "commit" });
  await expect(page.getByText("Checking the files with this machine’s postconf…")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mail server configuration" })).toBeVisible();
  await expect(page.getByText(/Postfix on this machine reads the rendered main\.cf/)).toBeVisible({
    timeout: (SLOW_SECONDS + 10) * 1000,
  });
  await expect(page.getByText("Checking the files with this machine’s postconf…")).toBeHidden();
});
