import fs from "node:fs";
import http from "node:http";
import { hostileStrings } from "../test/hostile/corpus";
import { createSetup, expect, test } from "./fixtures";
import { lanRequest } from "./lan-request";

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

test("an address or headers too long for the server are answered 431 every time, never a reset", async ({ server }) => {
  const long = `/api/setups/x/bundle?privateKeys=${"a".repeat(70_000)}`;
  for (let i = 0; i < 10; i++) {
    expect((await lanRequest(server.url + long)).status, `HTTPS, long address, try ${i}`).toBe(431);
    const res = await lanRequest(server.url + "/login", { headers: { "x-pad": "a".repeat(20_000) } });
    expect(res.status, `HTTPS, long header, try ${i}`).toBe(431);
    expect(res.text).toMatch(/too long/);
  }
  // The plain-HTTP listener on the same port (it redirects to HTTPS) answers the same.
  const plain = await new Promise<number | undefined>((resolve, reject) =>
    http
      .get(`http://${server.host}:${server.port}${long}`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on("error", reject),
  );
  expect(plain).toBe(431);
  // And the server still answers.
  expect((await lanRequest(`${server.url}/login`)).status).toBe(200);
});

test("the import form refuses oversized, empty and non-JSON files with a clear message", async ({
  adminPage: page,
  server,
}) => {
  await createSetup(server, doc);
  const before = server.cli(["export", doc.domain]).stdout;
  const dir = test.info().outputPath();
  fs.mkdirSync(dir, { recursive: true });
  // [file, content, message, refused in the page before anything is sent]
  const files: [string, string | Buffer, RegExp, boolean?][] = [
    ["big.json", JSON.stringify({ ...doc, pad: "x".repeat(300 * 1024) }), /larger than 256 KiB/, true],
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
  let posts = 0;
  page.on("request", (r) => void (r.method() === "POST" && posts++));
  for (const [name, body, expected, inPage] of files) {
    const file = `${dir}/${name}`;
    fs.writeFileSync(file, body);
    await page.getByLabel("Setup file (JSON)").setInputFiles(file);
    const postsBefore = posts;
    if (inPage) {
      // Too large to send: the form says so at once and sends nothing.
      await page.getByRole("button", { name: "Import" }).click();
      await expect(page.locator("#import-result")).toContainText(expected);
      expect(posts, name).toBe(postsBefore);
      continue;
    }
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
