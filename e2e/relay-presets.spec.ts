import { createSetup, expect, test } from "./fixtures";

// The Network step's relay form with presets: the host, port, SPF include and the
// provider's DKIM records come from the preset; the DNS step then publishes them.
const doc = {
  domain: "example.test",
  ipv4: "203.0.113.30",
  adminEmail: "owner@example.org",
  delivery: { mode: "relay", host: "smtp.isp.example", username: "me", password: "relay password 1" },
};

test("choosing a relay preset fills the relay, its SPF include and DKIM records", async ({
  adminPage: page,
  server,
}) => {
  const id = await createSetup(server, doc);
  await page.goto(`${server.url}/setups/${id}/network`);
  const form = page.getByRole("form", { name: "Send through a relay (smarthost)" });
  // A relay of one's own: the form says what a:host covers and what it does not.
  await expect(form.getByText(/That covers only the address of smtp\.isp\.example itself/).first()).toBeVisible();
  await expect(form.getByText("SPF: your record names only the relay host (a:)", { exact: false })).toBeVisible();

  await form.getByLabel("Relay provider").selectOption({ label: "Amazon SES" });
  await expect(form.getByLabel("Relay host")).toHaveValue("");
  await form.getByLabel("Username").fill("AKIAEXAMPLE1");
  await form.getByRole("button", { name: "Use this relay" }).click();
  await expect(form.getByText("Choose the region your provider account sends from.")).toBeVisible();
  await form.getByLabel("Region of your account").selectOption("eu-west-1");
  await expect(form.getByLabel("Relay host")).toHaveValue("email-smtp.eu-west-1.amazonaws.com");
  // The template's placeholders must be replaced by the dashboard's tokens.
  await form.getByRole("button", { name: "Use this relay" }).click();
  await expect(form.getByText(/Check the DKIM lines 1, 2, 3/)).toBeVisible();

  await form.getByLabel("Relay provider").selectOption({ label: "Fastmail" });
  await expect(form.getByLabel("Relay host")).toHaveValue("smtp.fastmail.com");
  await expect(form.getByLabel("Port")).toHaveValue("465");
  await expect(form.getByText("Your SPF record will include spf.messagingengine.com.")).toBeVisible();
  await expect(form.getByLabel(/Your provider’s DKIM records/)).toHaveValue(
    [1, 2, 3].map((n) => `fm${n}._domainkey CNAME fm${n}.example.test.dkim.fmhosted.com`).join("\n"),
  );
  await expect(form.getByRole("link", { name: "Fastmail’s documentation" })).toHaveAttribute("href", /fastmail/);
  await form.getByLabel("Username").fill("anna@example.test");
  await form.getByRole("button", { name: "Use this relay" }).click();
  await expect(page.getByText("Mail leaves through the relay smtp.fastmail.com:465.")).toBeVisible();

  await page.goto(`${server.url}/setups/${id}/dns`);
  await expect(page.locator("tr[data-purpose=spf]")).toContainText(
    "v=spf1 ip4:203.0.113.30 include:spf.messagingengine.com -all",
  );
  await expect(page.locator("tr[data-purpose=relay-dkim]")).toHaveCount(3);
  const exported = JSON.parse(server.cli(["export", doc.domain]).stdout);
  expect(exported.delivery).toMatchObject({ preset: "fastmail", host: "smtp.fastmail.com", port: 465 });
  expect(exported.delivery.providerDkim).toHaveLength(3);

  await page.goto(`${server.url}/setups/${id}/checks`);
  await expect(page.getByText(/SPF: the relay keeps your domain as envelope sender/)).toBeVisible();
});
