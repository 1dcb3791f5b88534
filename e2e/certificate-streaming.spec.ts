// The Certificate step sends its frame at once, even when the CA and the DNS
// never answer: the order form follows when the CA's directory has answered (or
// given up, 5 s), and the preflight's findings after it.
import dgram from "node:dgram";
import net from "node:net";
import { createSetup, expect, test } from "./fixtures";

// A CA that accepts connections and never answers; a resolver that never answers.
const silentCa = net.createServer(() => {});
const silentDns = dgram.createSocket("udp4");
const ports = Promise.all([
  new Promise<number>((r) => silentCa.listen(0, "127.0.0.1", () => r((silentCa.address() as net.AddressInfo).port))),
  new Promise<number>((r) => silentDns.bind(0, "127.0.0.1", () => r(silentDns.address().port))),
]);
test.afterAll(() => {
  silentCa.close();
  silentDns.close();
});

test.use({
  serverEnv: async ({}, use) => {
    const [ca, dns] = await ports;
    await use({
      POSTWRIGHT_ACME_DIRECTORY: `https://127.0.0.1:${ca}/directory`,
      POSTWRIGHT_DNS_SERVERS: `127.0.0.1:${dns}`,
      POSTWRIGHT_RESOLVER: `127.0.0.1:${dns}`,
    });
  },
});

test("the frame first, then the form, then the preflight, with a CA and DNS that never answer", async ({
  adminPage: page,
  server,
}) => {
  const id = await createSetup(server, {
    domain: "slow-ca.example.test",
    ipv4: "203.0.113.46",
    adminEmail: "owner@example.org",
  });
  const started = Date.now();
  await page.goto(`${server.url}/setups/${id}/certificate`, { waitUntil: "commit" });
  await expect(page.getByRole("heading", { name: "TLS certificate" })).toBeVisible();
  await expect(page.getByText("Asking the certificate authority for its terms…")).toBeVisible();
  // The directory waits up to 5 s: the frame came well before.
  expect(Date.now() - started).toBeLessThan(4_000);

  await expect(page.getByRole("button", { name: "Get the certificate" })).toBeVisible({ timeout: 15_000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  await expect(page.getByText("Checking CAA, the names and port 80…")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('section[aria-labelledby="preflight-title"]')).toContainText(/could not run|CAA/);
  // Until a method is chosen, the form says which one it would use.
  await expect(page.getByRole("radio", { name: /DNS record, by hand/ })).toBeChecked();
});
