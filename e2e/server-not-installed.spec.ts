import { RIG_IPV4, RIG_IPV6 } from "../test/rig/checks-rig";
import { testWithChecksRig } from "./checks-rig-fixture";
import { createSetup, expect } from "./fixtures";

// "My mail server is not installed yet", a fact stored for the setup, said on
// the Checks page: the mail server's TLS check (nothing answers on the rig's
// mail ports) is then a visible skip, and the Status page names it as what
// still blocks mail; unticked, it fails again. By keyboard, on a phone, EN and FR.
const test = testWithChecksRig({ POSTWRIGHT_CHECK_INTERVAL_MS: "60000" });
test.use({ viewport: { width: 375, height: 812 } });

test.afterEach(async ({ page }) => {
  await page.goto("about:blank");
});

const L = {
  en: {
    box: "My mail server is not installed yet",
    skipped: "Not checked: you said the mail server at mail.example.test is not installed yet.",
    refused: /connection refused/,
    statusLink: "Status",
    blocked: /^Mail cannot flow yet\. What blocks it: .*Mail server TLS/,
  },
  fr: {
    box: "Mon serveur de messagerie n’est pas encore installé",
    skipped:
      /Non vérifié\s*: vous avez indiqué que le serveur de messagerie mail\.example\.test n’est pas encore installé\./,
    refused: /connexion refusée/,
    statusLink: "État",
    blocked: /^Le courrier ne peut pas encore circuler\. Ce qui le bloque\s*: .*TLS du serveur de messagerie/,
  },
} as const;

for (const lang of ["en", "fr"] as const) {
  test(`the mail server not installed yet: a visible skip, said on the Checks page (${lang})`, async ({
    adminPage: page,
    server,
    rig,
  }) => {
    const t = L[lang];
    const id = await createSetup(server, {
      domain: "example.test",
      ipv4: RIG_IPV4,
      ipv6: RIG_IPV6,
      adminEmail: "owner@example.org",
      dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
    });
    const zone = server.cli(["records", "example.test", "--format", "zone"]);
    expect(zone.status, zone.stderr).toBe(0);
    await rig.publish(rig.zoneFor(zone.stdout));
    if (lang === "fr") await page.getByRole("button", { name: "Français" }).click();

    await page.goto(`${server.url}/setups/${id}/checks`);
    const tls = page.locator("li[data-check=smtp-tls]");
    await expect(tls).toHaveAttribute("data-status", "fail", { timeout: 30_000 });

    const box = page.getByRole("checkbox", { name: t.box });
    await expect(box).not.toBeChecked();
    await box.focus();
    await page.keyboard.press("Space");
    await expect(tls).toHaveAttribute("data-status", "skip", { timeout: 30_000 });
    await expect(tls).toContainText(t.skipped);
    // What each port said, in the reader's language.
    await expect(tls.locator("td").filter({ hasText: t.refused }).first()).toBeAttached();
    await expect(box).toBeChecked();

    // Stored: it holds after a reload, and the Status page names it as what still blocks mail.
    await page.getByRole("link", { name: t.statusLink, exact: true }).click();
    await expect(page.locator("[data-verdict]")).toHaveText(t.blocked, { timeout: 30_000 });
    await expect(page.locator("li[data-check=smtp-tls]")).toHaveAttribute("data-status", "skip", { timeout: 30_000 });

    // Unticked: the check runs again, and fails while nothing answers.
    await page.goto(`${server.url}/setups/${id}/checks`);
    await expect(box).toBeChecked();
    await box.click();
    await expect(box).not.toBeChecked();
    await expect(tls).toHaveAttribute("data-status", "fail", { timeout: 30_000 });
  });
}
