import { defineConfig } from "@playwright/test";

// Debian's Chromium (test-rig.md): Playwright cannot download browsers here.
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  // The LAN address and the run's private CA (e2e/global-setup.ts); Chromium's pin is added in e2e/fixtures.ts.
  globalSetup: "./e2e/global-setup.ts",
  // Each test starts its own production server (e2e/server.ts) over HTTPS on the LAN address, on a free port.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // In CI a failure is tried once more, and `npm test` prints every failed attempt (flaky or not) at its end.
  retries: process.env.CI ? 1 : 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
});
