import fs from "node:fs";
import type http from "node:http";
import https from "node:https";
import path from "node:path";
import { createSetup, expect, test } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..");

/** Every route of the build, from Next's own manifest, with sample parameters. */
function allRoutes(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return [...new Set(Object.values(manifest))].map((r) =>
    r.replace(/\[\.\.\.[^\]]+\]/g, "a/b").replace(/\[[^\]]+\]/g, "sample"),
  );
}

/** Every server action id of the build. */
function allActionIds(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, unknown> };
  return Object.keys(manifest.node);
}

/**
 * One request on a fresh connection (no kept-alive socket that the server may
 * be closing just then), answered as status, headers and body.
 */
function request(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method, headers: init.headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const PUBLIC = [
  /^\/_/,
  /^\/login$/,
  /^\/setup\/[^/]+$/,
  /^\/\.well-known\/acme-challenge\//,
  /^\/_not-found$/,
  /^\/favicon\.ico$/,
];

test("without a session every page, API route, download and action is refused", async ({ server }) => {
  const routes = allRoutes().filter((r) => !PUBLIC.some((p) => p.test(r)));
  expect(routes.length).toBeGreaterThan(10);
  for (const cookie of [undefined, "pw_session=forged-session-value"]) {
    for (const route of routes) {
      for (const method of ["GET", "POST", "DELETE"]) {
        const res = await request(server.url + route, { method, headers: cookie ? { cookie } : {} });
        const where = String(res.headers.location ?? "");
        const refused =
          res.status === 401 ||
          ((res.status === 307 || res.status === 303 || res.status === 302) && where.endsWith("/login")) ||
          res.status === 405;
        if (res.status === 200 && cookie) {
          // A page whose guard redirects during rendering streams a redirect marker instead of a 3xx.
          const body = res.text;
          expect(body, `${method} ${route} with a forged cookie`).toMatch(/NEXT_REDIRECT|\/login/);
          expect(body).not.toMatch(/xn--|example\.test/);
          continue;
        }
        expect(refused, `${method} ${route} (cookie: ${cookie ?? "none"}) → ${res.status} ${where}`).toBe(true);
      }
    }
  }

  // Actions: none may change stored data without a session.
  expect(
    server.cli(
      ["import", "-"],
      JSON.stringify({ domain: "kept.example.test", ipv4: "203.0.113.9", adminEmail: "o@example.org" }),
    ).status,
  ).toBe(0);
  const before = server.cli(["export", "kept.example.test"]).stdout;
  const actions = allActionIds();
  expect(actions.length).toBeGreaterThan(3);
  for (const id of actions) {
    const res = await request(`${server.url}/`, {
      method: "POST",
      headers: {
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        cookie: "pw_session=forged",
        origin: server.url,
      },
      body: "[]",
    }).catch((e) => {
      throw new Error(`action ${id}: ${e}\n--- server output ---\n${server.output().slice(-3000)}`);
    });
    expect(res.text, `action ${id}`).not.toMatch(/kept\.example\.test/);
  }
  expect(server.cli(["export", "kept.example.test"]).stdout).toBe(before);
  expect(JSON.parse(server.cli(["list", "--json"]).stdout)).toHaveLength(1);
});

test("cross-origin posts are refused", async ({ server }) => {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
    body: "password=x",
  });
  expect(res.status).toBe(403);
});

test("pages carry a strict CSP and run under it", async ({ adminPage: page, server }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const res = await page.goto(`${server.url}/setups/new`);
  const csp = res!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res!.headers()["x-frame-options"]).toBe("DENY");
  // Hydrated under the CSP: a client-side control works.
  await page.getByRole("button", { name: "Add a mailbox" }).click();
  await expect(page.getByLabel("Mailbox 1: address")).toBeVisible();
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test("no page or API response carries key material or a password", async ({ adminPage: page, server }) => {
  const id = await createSetup(server, {
    domain: "secrets.example.test",
    ipv4: "203.0.113.95",
    adminEmail: "owner@example.org",
    dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
    mailboxes: [{ address: "ana@secrets.example.test", password: "mailbox-secret-value" }],
    delivery: {
      mode: "relay",
      host: "smtp.relay.example.net",
      port: 587,
      username: "ana",
      password: "relay-secret-value",
    },
  });
  // The DNS step makes the DKIM keys: from then on there is a private key to leak.
  await page.goto(`${server.url}/setups/${id}/dns`);
  const urls = [
    "/",
    "/setups/new",
    ...["network", "domain", "dns", "checks", "certificate", "mail", "bundle", "status", "delete"].map(
      (s) => `/setups/${id}/${s}`,
    ),
    `/api/setups/${id}/export`,
    `/api/setups/${id}/records?format=json`,
    `/api/setups/${id}/records?format=zone`,
  ];
  // (the mail page shows a bcrypt-shaped placeholder, "$2b$12$hidden…", where the real hashes go)
  const forbidden = [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    /\$2[aby]\$\d\d\$(?!hidden)[./A-Za-z0-9]{53}/,
    /mailbox-secret-value/,
    /relay-secret-value/,
    /scrypt\$/,
    /correct horse battery staple/,
  ];
  for (const url of urls) {
    const res = await page.request.get(server.url + url);
    expect(res.status(), url).toBeLessThan(400);
    const body = await res.text();
    for (const f of forbidden) expect(body, `${url} matches ${f}`).not.toMatch(f);
  }
  // Every file the Mail step lists, as it sends it when opened; private keys never.
  const mailHtml = await (await page.request.get(`${server.url}/setups/${id}/mail`)).text();
  const paths = [...new Set([...mailHtml.matchAll(/\\?"path\\?":\\?"(\/[^"\\]+)/g)].map((m) => m[1]))];
  expect(paths).toContain("/etc/postfix/sasl_passwd");
  let privateKeys = 0;
  for (const p of paths) {
    const url = `/api/setups/${id}/mail-files?path=${encodeURIComponent(p)}`;
    const res = await page.request.get(server.url + url);
    if (res.status() === 403) privateKeys++;
    else expect(res.status(), url).toBe(200);
    const body = await res.text();
    for (const f of forbidden) expect(body, `${url} matches ${f}`).not.toMatch(f);
  }
  expect(privateKeys).toBeGreaterThanOrEqual(2);
  // Only the setup's own files: any other path is unknown to it.
  for (const p of ["/etc/shadow", "/etc/postfix/../shadow", ""])
    expect(
      (await page.request.get(`${server.url}/api/setups/${id}/mail-files?path=${encodeURIComponent(p)}`)).status(),
    ).toBe(p ? 404 : 400);
  // The private key exists (it is in the authenticated bundle, and only there).
  const bundle = await page.request.get(`${server.url}/api/setups/${id}/bundle`);
  expect(bundle.status()).toBe(200);
});
