import { expect, test } from "./fixtures";

// Issue 10: the Domain step asks where role mail goes, offers POP3S and greylisting,
// and refuses a plan whose published addresses would bounce — in English and French.

test("the Domain step routes role mail to a mailbox, refuses addresses that would bounce, offers POP3S and greylisting", async ({
  adminPage: page,
  server,
}) => {
  await page.goto(`${server.url}/setups/new`);
  await page.getByLabel("Domain", { exact: true }).fill("roles.example.test");
  await page.getByLabel("Public IPv4 address").fill("203.0.113.61");
  await page.getByLabel("Your contact address").fill("admin@roles.example.test");
  await page.getByRole("button", { name: "Create the setup" }).click();
  // No mailbox and an admin address in the domain: postmaster@ would have nowhere to go.
  await expect(page.locator("#f-mailboxes-error")).toContainText("Add at least one mailbox");

  await page.getByRole("button", { name: "Add a mailbox" }).click();
  await page.getByLabel("Mailbox 1: address").fill("ana@roles.example.test");
  await page.getByLabel("Mailbox 1: password").fill("a long mailbox password");
  await page.getByRole("button", { name: "Add an alias" }).click();
  await page.getByLabel("Alias 1: from").fill("info@roles.example.test");
  await page.getByLabel("Alias 1: to").fill("sales@roles.example.test");
  await page.getByLabel("Role mail goes to").fill("admin@roles.example.test");
  await page.getByRole("button", { name: "Create the setup" }).click();
  await expect(page.getByLabel("Role mail goes to")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-roleMailbox-error")).toContainText("one of the mailboxes above");
  await expect(page.locator("#f-aliases-0-to-error")).toContainText("would bounce");

  await page.getByLabel("Mailbox 1: password").fill("a long mailbox password");
  await page.getByLabel("Alias 1: to").fill("ana@roles.example.test");
  await page.getByLabel("Role mail goes to").fill("");
  await page.getByLabel("Also offer POP3S (port 995)").check();
  await page.getByLabel("Greylisting").check();
  await page.getByRole("button", { name: "Create the setup" }).click();
  await expect(page).toHaveURL(/\/setups\/[^/]+\/network$/);

  const exported = JSON.parse(server.cli(["export", "roles.example.test"]).stdout);
  expect(exported).toMatchObject({ pop3s: true, inbound: { greylisting: true } });
  expect(exported.roleMailbox).toBeUndefined(); // the default: the first mailbox

  // The form shows the choices again.
  await page.goto(page.url().replace(/network$/, "domain"));
  await expect(page.getByLabel("Also offer POP3S (port 995)")).toBeChecked();
  await expect(page.getByLabel("Greylisting")).toBeChecked();

  // In French, the same refusal reads in French.
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("button", { name: "Français" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Courrier de service livré à").fill("personne@roles.example.test");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator("#f-roleMailbox-error")).toContainText("l’une des boîtes ci-dessus");
});
