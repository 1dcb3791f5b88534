import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createSetup, expect, test } from "./fixtures";

const doc = {
  domain: "bundle.example.test",
  ipv4: "203.0.113.40",
  adminEmail: "owner@bundle.example.test",
  delivery: { mode: "relay", host: "smtp.relay.example", port: 587, username: "owner", password: "relay-secret-e2e" },
  dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
  mailboxes: [{ address: "owner@bundle.example.test", password: "owner-password-e2e" }],
};

test("the mail step shows the files, and the bundle downloads from the browser with and without private keys", async ({
  adminPage: page,
  server,
}) => {
  const id = await createSetup(server, doc);
  // The DNS step makes the DKIM keys on its first visit.
  await page.goto(`${server.url}/setups/${id}/dns`);
  await expect(page.getByRole("heading", { name: "DNS records", exact: true })).toBeVisible();

  await page.goto(`${server.url}/setups/${id}/mail`);
  await expect(page.getByRole("heading", { name: "Mail server configuration" })).toBeVisible();
  await expect(
    page.getByText(/reads the rendered main\.cf without any warning|not installed on the machine running Postwright/),
  ).toBeVisible();
  const files = page.getByRole("navigation", { name: "Configuration files" });
  await files.getByRole("button", { name: "main.cf" }).click();
  const contents = page.getByLabel("Contents of /etc/postfix/main.cf");
  await expect(contents).toContainText("smtpd_tls_auth_only = yes");
  await expect(contents).toContainText("relayhost = [smtp.relay.example]:587");
  await files.getByRole("button", { name: "sasl_passwd" }).click();
  await expect(page.getByLabel("Contents of /etc/postfix/sasl_passwd")).toContainText("owner:********");
  await expect(page.locator("body")).not.toContainText("relay-secret-e2e");
  await files.getByRole("button", { name: /pw1e\.key/ }).click();
  await expect(page.getByText("It is never shown in the browser")).toBeVisible();
  // The page carries the list, not the files' text: a file's text comes when it is opened.
  const html = await (await page.request.get(`${server.url}/setups/${id}/mail`)).text();
  expect(html).toContain("/etc/postfix/main.cf");
  expect(html).not.toContain("smtpd_tls_auth_only");
  // By keyboard, with the server unreachable: an error and a way to try again.
  await page.route("**/api/setups/*/mail-files?*", (route) => route.abort());
  await files.getByRole("button", { name: "master.cf" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("figure").getByRole("alert")).toContainText("/etc/postfix/master.cf could not be loaded");
  await page.unroute("**/api/setups/*/mail-files?*");
  await page.getByRole("button", { name: "Try again" }).press("Enter");
  await expect(page.getByLabel("Contents of /etc/postfix/master.cf")).toContainText("smtpd");

  await page.getByRole("link", { name: "Continue to the bundle" }).click();
  await expect(page.getByRole("heading", { name: "Bundle", exact: true })).toBeVisible();
  const [full] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the bundle" }).click(),
  ]);
  expect(full.suggestedFilename()).toBe("postwright-bundle.example.test.tar.gz");
  const fullPath = await full.path();
  const list = execFileSync("tar", ["-tzf", fullPath], { encoding: "utf8" });
  for (const f of [
    "install.sh",
    "README.md",
    "manifest.json",
    "dns/bundle.example.test.zone",
    "files/etc/postfix/main.cf",
    "files/etc/dovecot/dovecot.conf",
    "files/var/lib/rspamd/dkim/bundle.example.test.pw1.key",
    "files/var/lib/rspamd/dkim/bundle.example.test.pw1e.key",
  ]) {
    expect(list).toContain(`postwright-bundle.example.test/${f}`);
  }
  expect(
    execFileSync("tar", ["-xzOf", fullPath, "postwright-bundle.example.test/files/etc/postfix/sasl_passwd"], {
      encoding: "utf8",
    }),
  ).toBe("[smtp.relay.example]:587 owner:relay-secret-e2e\n");
  const manifest = JSON.parse(
    execFileSync("tar", ["-xzOf", fullPath, "postwright-bundle.example.test/manifest.json"], { encoding: "utf8" }),
  );
  expect(manifest.includePrivateKeys).toBe(true);

  const [lean] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download without private keys" }).click(),
  ]);
  expect(lean.suggestedFilename()).toBe("postwright-bundle.example.test-no-private-keys.tar.gz");
  const leanList = execFileSync("tar", ["-tzf", await lean.path()], { encoding: "utf8" });
  expect(leanList).not.toMatch(/dkim\/.*\.key|privkey\.pem|sasl_passwd|dovecot\/users/);
  expect(leanList).toContain("postwright-bundle.example.test/install.sh");

  // The same setup gives the same bytes again.
  const [again] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the bundle" }).click(),
  ]);
  expect(fs.readFileSync(await again.path()).equals(fs.readFileSync(fullPath))).toBe(true);

  // Without a session the download is refused.
  const anonymous = await fetch(`${server.url}/api/setups/${id}/bundle`);
  expect(anonymous.status).toBe(401);
});

test("a setup whose published addresses would bounce gets a message, not a bundle", async ({
  adminPage: page,
  server,
}) => {
  // Imported as a draft: no mailbox, the admin address in the domain (postmaster@ would get 550).
  const draft = { domain: "draft.example.test", ipv4: "203.0.113.41", adminEmail: "owner@draft.example.test" };
  const id = await createSetup(server, draft);
  await page.goto(`${server.url}/setups/${id}/bundle`);
  await expect(page.getByRole("alert").filter({ hasText: "no mailbox" })).toContainText(
    "This setup has no mailbox: postmaster@draft.example.test, abuse@draft.example.test and the report address would bounce. Add a mailbox in the Domain step",
  );
  await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  for (const query of ["", "?privateKeys=0"]) {
    const res = await page.request.get(`${server.url}/api/setups/${id}/bundle${query}`);
    expect(res.status()).toBe(409);
    expect(await res.json()).toMatchObject({ error: "no-mailbox", message: expect.stringContaining("no mailbox") });
  }

  // A mailbox without a stored password: only the bundle without private keys (install.sh asks for it).
  server.cli(["import", "-"], JSON.stringify({ ...draft, mailboxes: [{ address: "owner@draft.example.test" }] }));
  await page.goto(`${server.url}/setups/${id}/bundle`);
  await expect(page.getByRole("alert").filter({ hasText: "No password" })).toContainText(
    "No password is stored for owner@draft.example.test",
  );
  await expect(page.getByRole("link", { name: "Download the bundle" })).toHaveCount(0);
  const [lean] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download without private keys" }).click(),
  ]);
  expect(lean.suggestedFilename()).toBe("postwright-draft.example.test-no-private-keys.tar.gz");
  expect((await page.request.get(`${server.url}/api/setups/${id}/bundle`)).status()).toBe(409);
});
