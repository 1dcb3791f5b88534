import { createSetup, expect, test } from "./fixtures";

const doc = {
  domain: "faults.example.test",
  ipv4: "203.0.113.70",
  adminEmail: "owner@example.org",
  mailboxes: [{ address: "ana@faults.example.test", password: "a long mailbox password" }],
};

test("two tabs editing the same setup: the second save is told, and overwrites nothing", async ({
  adminPage: first,
  server,
  context,
}) => {
  const id = await createSetup(server, doc);
  const second = await context.newPage();
  await first.goto(`${server.url}/setups/${id}/domain`);
  await second.goto(`${server.url}/setups/${id}/domain`);

  await first.getByLabel("Public IPv4 address").fill("203.0.113.71");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await second.getByLabel("Public IPv6 address").fill("2001:db8::72");
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "changed elsewhere" })).toBeVisible();

  const stored = JSON.parse(server.cli(["export", doc.domain]).stdout);
  expect(stored.ipv4).toBe("203.0.113.71");
  expect(stored.ipv6).toBeUndefined();

  // The first tab can go on saving: it holds the new version.
  await first.getByLabel("Public IPv6 address").fill("2001:db8::73");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(JSON.parse(server.cli(["export", doc.domain]).stdout).ipv6).toBe("2001:db8::73");
});

test("kill -9 at any point loses nothing that was saved", async ({ adminPage: page, server }) => {
  const saved: string[] = [];
  for (let round = 0; round < 4; round++) {
    const domain = `crash${round}.example.test`;
    await page.goto(`${server.url}/setups/new`);
    await page.getByLabel("Domain", { exact: true }).fill(domain);
    await page.getByLabel("Public IPv4 address").fill(`203.0.113.${80 + round}`);
    await page.getByLabel("Your contact address").fill("owner@example.org");
    await page.getByRole("button", { name: "Create the setup" }).click();
    // Crash either right after the save is acknowledged or while a second save is in flight.
    if (round % 2 === 0) {
      await expect(page).toHaveURL(/\/network$/);
      saved.push(domain);
      await server.crash();
    } else {
      await expect(page).toHaveURL(/\/network$/);
      saved.push(domain);
      await page.goto(page.url().replace(/network$/, "domain"));
      await page.getByLabel("Public IPv6 address").fill("2001:db8::99");
      const inFlight = page.getByRole("button", { name: "Save" }).click();
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
      await server.crash();
      await inFlight.catch(() => undefined);
    }
    await server.start();
    const list = JSON.parse(server.cli(["list", "--json"]).stdout) as { domain: string }[];
    expect(list.map((s) => s.domain).sort()).toEqual([...saved].sort());
    // Each stored document is whole: it exports and validates.
    for (const d of saved) {
      const out = server.cli(["export", d]);
      expect(out.status, out.stderr).toBe(0);
      const ipv6 = JSON.parse(out.stdout).ipv6;
      expect(ipv6 === undefined || ipv6 === "2001:db8::99").toBe(true);
    }
  }
  expect(server.cli(["export", "crash0.example.test"]).status).toBe(0);
});
