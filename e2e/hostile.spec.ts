import fs from "node:fs";
import { hostileStrings } from "../test/hostile/corpus";
import { createSetup, expect, test } from "./fixtures";

// Hostile and malformed input through the real server and the real CLI: every
// answer is a clear refusal (4xx, or exit 2 with a message), never a 500 or a
// stack trace, and stored data never changes. (Every Setup field is covered
// in-process by test/hostile/setup-input.test.ts, 1344 cases.)

// Check runs provoked here have nowhere to go (every target is the discard port): keep them short.
test.use({ serverEnv: { POSTWRIGHT_CHECK_DEADLINE: "300" } });

const doc = { domain: "hostile.example.test", ipv4: "203.0.113.91", adminEmail: "owner@example.org" };

test("API routes refuse hostile ids, parameters, methods and content types", async ({ adminPage: page, server }) => {
  const id = await createSetup(server, doc);
  const before = server.cli(["export", doc.domain]).stdout;
  const ids = [
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "a".repeat(5000),
    "%E2%80%AE",
    "' OR 1=1 --",
    "<script>",
    "$(id)",
    "%2e%2e",
    "null",
    "-1",
  ];
  const routes = ["export", "records?format=zone", "bundle", "checks"];
  let cases = 0;
  for (const bad of ids) {
    for (const r of routes) {
      for (const method of ["GET", "POST"]) {
        const res = await page.request.fetch(`${server.url}/api/setups/${bad}/${r}`, {
          method,
          headers: { origin: server.url },
          failOnStatusCode: false,
        });
        cases++;
        expect(res.status(), `${method} ${bad.slice(0, 30)}/${r}`).toBeGreaterThanOrEqual(400);
        expect(res.status(), `${method} ${bad.slice(0, 30)}/${r}`).toBeLessThan(500);
      }
    }
  }
  for (const value of hostileStrings.slice(0, 40)) {
    for (const url of [
      `records?format=${encodeURIComponent(value)}`,
      `checks?scope=${encodeURIComponent(value)}&only=${encodeURIComponent(value)}`,
      `bundle?privateKeys=${encodeURIComponent(value)}`,
    ]) {
      const method = url.startsWith("checks") ? "POST" : "GET";
      const res = await page.request.fetch(`${server.url}/api/setups/${id}/${url}`, {
        method,
        headers: { origin: server.url },
        failOnStatusCode: false,
      });
      cases++;
      expect(res.status(), `${method} ${url.slice(0, 60)}`).toBeLessThan(500);
      // 400 from the route, or 431 from the server for a 70 000-character query
      if (url.startsWith("records")) expect([400, 431]).toContain(res.status());
    }
  }
  for (const type of [
    "text/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json",
  ]) {
    const res = await page.request.fetch(`${server.url}/api/setups/${id}/checks?scope=network`, {
      method: "POST",
      headers: { origin: server.url, "content-type": type },
      data: "<x>&a=1{",
      failOnStatusCode: false,
    });
    cases++;
    expect(res.status(), type).toBeLessThan(500);
    await res.body();
  }
  expect(cases).toBeGreaterThan(150);
  expect(server.cli(["export", doc.domain]).stdout).toBe(before);
});

test("the import form refuses oversized, empty and non-JSON files with a clear message", async ({
  adminPage: page,
  server,
}) => {
  await createSetup(server, doc);
  const before = server.cli(["export", doc.domain]).stdout;
  const dir = test.info().outputPath();
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string | Buffer, RegExp][] = [
    ["big.json", JSON.stringify({ ...doc, pad: "x".repeat(300 * 1024) }), /larger than 256 KiB/],
    ["empty.json", "", /Choose a JSON file/],
    ["not.json", "<?xml version='1.0'?><setup/>", /not valid JSON/],
    ["binary.json", Buffer.from([0, 1, 2, 255, 254]), /not valid JSON/],
    [
      "evil.json",
      JSON.stringify({ ...doc, hostname: "mail.x\nrelayhost = evil" }),
      /refused; nothing was changed|nothing was changed/,
    ],
    ["proto.json", '{"__proto__": {"admin": true}, "domain": "hostile.example.test"}', /refused/],
  ];
  await page.goto(server.url);
  for (const [name, body, expected] of files) {
    const file = `${dir}/${name}`;
    fs.writeFileSync(file, body);
    await page.getByLabel("Setup file (JSON)").setInputFiles(file);
    // Wait for this file's own answer: the previous message may match too, and the form resets when an answer lands.
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(server.url));
    await page.getByRole("button", { name: "Import" }).click();
    await answered;
    await expect(page.locator("#import-result")).toContainText(expected);
  }
  expect(server.cli(["export", doc.domain]).stdout).toBe(before);
});

test("CLI arguments: hostile domains, formats, files and flags exit 2 with a message, never a stack trace", async ({
  server,
}) => {
  await createSetup(server, doc);
  const before = server.cli(["export", doc.domain]).stdout;
  const runs: string[][] = [];
  for (const bad of ["../../etc/passwd", "a\nb", "$(id)", "x".repeat(300), "exаmple.test", "-", "--", "%00"]) {
    runs.push(
      ["export", bad],
      ["records", bad],
      ["records", doc.domain, "--format", bad],
      ["import", `/nonexistent/${bad}`],
    );
  }
  runs.push(
    ["import", "/etc/shadow-does-not-exist"],
    ["import", "/etc"],
    ["records"],
    ["export"],
    ["list", "--bogus"],
    ["check", doc.domain, "--dnsbl", "a b,$(id)"],
    ["check", doc.domain, "--resolver", "not an address"],
    ["check", doc.domain, "--deadline", "-5"],
  );
  for (const args of runs) {
    const r = server.cli(args);
    const label = JSON.stringify(args).slice(0, 80);
    expect(r.status, `${label}: ${r.stderr}`).toBe(2);
    expect(r.stderr.trim().length, label).toBeGreaterThan(0);
    expect(r.stderr, label).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  }
  expect(server.cli(["export", doc.domain]).stdout).toBe(before);
});
