import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { startServer, type Env, type TestServer } from "./server";

export const ADMIN_PASSWORD = "correct horse battery staple";

/** Opens the one-time link and sets the admin password; the page is then logged in. */
export async function claimAdmin(page: Page, server: TestServer): Promise<void> {
  const link = server.setupLink();
  if (!link) throw new Error(`no setup link printed:\n${server.output()}`);
  await page.goto(server.url + link);
  await page.getByLabel(/new password|nouveau mot de passe/i).fill(ADMIN_PASSWORD);
  await page.getByLabel(/repeat the password|répétez le mot de passe/i).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: /set the password|définir le mot de passe/i }).click();
  await expect(page).toHaveURL(`${server.url}/`);
}

export async function login(page: Page, server: TestServer, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/^password$|^mot de passe$/i).fill(password);
  await page.getByRole("button", { name: /log in|se connecter/i }).click();
}

/** Imports a setup through the CLI (same database) and returns its id. */
export async function createSetup(server: TestServer, doc: Record<string, unknown>): Promise<string> {
  const r = server.cli(["import", "-"], JSON.stringify(doc));
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const ascii = new URL(`http://${String(doc.domain)}`).hostname;
  const rows = JSON.parse(server.cli(["list", "--json"]).stdout) as { id: string; domain: string }[];
  const row = rows.find((x) => x.domain === ascii);
  if (!row) throw new Error(`imported ${ascii} but cannot find it`);
  return row.id;
}

type Fixtures = { server: TestServer; serverEnv: Env; adminPage: Page };

export const test = base.extend<Fixtures>({
  // Chromium trusts the run's private CA by its SPKI pin (e2e/global-setup.ts), and nothing else.
  launchOptions: [
    async ({ launchOptions }, use) => {
      const pin = process.env.POSTWRIGHT_E2E_CA_SPKI;
      if (!pin) throw new Error("no e2e CA pin: run the suite through playwright.config.ts");
      await use({
        ...launchOptions,
        args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${pin}`],
      });
    },
    { scope: "worker" },
  ],
  serverEnv: [{}, { option: true }],
  server: async ({ serverEnv }, use, testInfo) => {
    const server = await startServer(serverEnv);
    await use(server);
    await server.stop();
    // What the server printed (errors, stack traces) goes with a failed test's report.
    if (testInfo.status !== testInfo.expectedStatus) {
      const file = testInfo.outputPath("server-output.txt");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, server.output());
      await testInfo.attach("server-output", { path: file, contentType: "text/plain" });
    }
  },
  adminPage: async ({ page, server }, use) => {
    await claimAdmin(page, server);
    await use(page);
  },
});

export { expect };
