import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hostileStrings, wrongTypes } from "../test/hostile/corpus";
import { createSetup, expect, login, test } from "./fixtures";
import { OTHER_LAN_ADDRESS } from "./lan";
import { lanRequest, type Answer } from "./lan-request";

// A hostile machine on the LAN, with a stolen session cookie even: thousands of
// malformed requests (field names, argument types, bodies, headers, paths)
// against the production server over HTTPS. Nothing answers 500, nothing shows
// up as an unhandled error in the server's log, and nothing stored changes.

test.use({ serverEnv: { POSTWRIGHT_CHECK_DEADLINE: "300" } });

const root = path.resolve(import.meta.dirname, "..");
const doc = {
  domain: "fuzz.example.test",
  ipv4: "203.0.113.77",
  adminEmail: "owner@example.org",
  mailboxes: [{ address: "ana@fuzz.example.test", password: "mailbox password 1" }],
  delivery: { mode: "relay", host: "smtp.relay.example.net", port: 587, username: "ana", password: "relay-pw-1" },
};

interface Case {
  what: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The stored state that no hostile request may change. */
function snapshot(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return JSON.stringify([
      db.prepare('SELECT id, domain, document, steps, version FROM "Setup" ORDER BY id').all(),
      db.prepare('SELECT setupId, kind, name, ciphertext FROM "Secret" ORDER BY id').all(),
      // (not its session stamp: with a stolen cookie, "log out everywhere" is a fair thing to call)
      db.prepare('SELECT passwordHash FROM "Admin"').all(),
      db.prepare('SELECT count(*) AS n FROM "AcmeOrder"').all(),
      db.prepare('SELECT count(*) AS n FROM "SetupToken"').all(),
    ]);
  } finally {
    db.close();
  }
}

/** multipart/form-data parts of a recorded body (names and string values), and a way to write new ones. */
function parseMultipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(.+)$/.exec(contentType)![1];
  return body
    .toString("utf8")
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [head, ...rest] = p.replace(/^\r\n/, "").split("\r\n\r\n");
      return { name: /name="([^"]*)"/.exec(head)![1], value: rest.join("\r\n\r\n").replace(/\r\n$/, "") };
    });
}
function multipart(parts: { name: string; value: string }[]): { body: string; type: string } {
  const b = "----fuzz" + Math.random().toString(36).slice(2);
  const body =
    parts.map((p) => `--${b}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`).join("") +
    `--${b}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${b}` };
}

test("2,000+ hostile requests from another machine on the LAN: no 500, no unhandled error, nothing stored changes", async ({
  adminPage: page,
  context,
  server,
}) => {
  test.setTimeout(900_000);
  const id = await createSetup(server, doc);
  await page.goto(`${server.url}/setups/${id}/dns`); // DKIM keys exist from here on
  const cookie = `pw_session=${(await context.cookies()).find((c) => c.name === "pw_session")!.value}`;

  // Real action requests, as the browser sends them: the Domain form's save (made to fail: stale version).
  await page.goto(`${server.url}/setups/${id}/domain`);
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByLabel("Public IPv4 address").fill("not an address");
  await page.getByRole("button", { name: "Save" }).click();
  const domainSave = await sent;
  await expect(page.locator("#f-ipv4-error")).not.toBeEmpty();
  const actionHeaders = Object.fromEntries(
    Object.entries(domainSave.headers()).filter(
      ([k]) => !k.startsWith(":") && k !== "content-length" && k !== "cookie",
    ),
  );
  const recordedParts = parseMultipart(domainSave.postDataBuffer()!, domainSave.headers()["content-type"]);
  // React sends the form's fields as "<prefix>name" (e.g. "_1_domain") beside its own "$ACTION" parts.
  const formPrefix = /^(.*?)domain$/.exec(recordedParts.find((p) => /^_?\d+_domain$/.test(p.name))!.name)![1];
  const isField = (name: string) => name.startsWith(formPrefix) && !name.includes("$ACTION");
  const protocolParts = recordedParts.filter((p) => !isField(p.name));
  const before = snapshot(server.env.DATABASE_URL!.slice(5));

  const cases: Case[] = [];
  const withSession = { cookie, origin: server.url };

  // 1. Field names of the Domain form (the list and more), each beside an invalid domain.
  const fieldNames = [
    "mailboxes.length",
    "mailboxes.0",
    "mailboxes.0.address",
    "dmarc",
    "dmarc.policy",
    "mtaSts",
    "dkim.ed25519.x",
    "mailboxes.100000000.address",
    "mailboxes.99999999999999999999.address",
    "mailboxes.-1.address",
    "mailboxes.1e3.address",
    "mailboxes.0x10.address",
    "mailboxes.0.__proto__",
    "mailboxes.__proto__.address",
    "__proto__.polluted",
    "constructor.prototype.polluted",
    "aliases.0.constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "version",
    "",
    ".",
    "..",
    "a.".repeat(20_000) + "b",
    "x".repeat(5000),
    "mailboxes.0.address.deeper",
    "aliases.5000.from",
    "dmarc.policy.0",
    "domain.0",
    "$ACTION_ID_x",
    "$ACTION_REF_1",
    "0",
  ];
  const values = ["x", "", "toString", "__proto__", "a".repeat(200_000), "\u0000", "[object Object]"];
  for (const name of fieldNames)
    for (const value of values.slice(0, name.length > 1000 ? 2 : values.length)) {
      const parts = [
        ...protocolParts,
        ...recordedParts.filter((p) => isField(p.name)),
        { name: formPrefix + name, value },
        { name: `${formPrefix}domain`, value: "not a domain!" },
      ];
      const { body, type } = multipart(parts);
      cases.push({
        what: `field ${name.slice(0, 40)}=${value.slice(0, 10)}`,
        path: `/setups/${id}/domain`,
        method: "POST",
        headers: { ...actionHeaders, ...withSession, "content-type": type },
        body,
      });
    }
  // 20,000 levels of nesting in one field name, and 3,000 fields at once.
  {
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `${formPrefix}mailboxes.${i}.address`, value: "x" }));
    const { body, type } = multipart([...protocolParts, ...many, { name: `${formPrefix}domain`, value: "bad!" }]);
    cases.push({
      what: "3000 rows",
      path: `/setups/${id}/domain`,
      method: "POST",
      headers: { ...actionHeaders, ...withSession, "content-type": type },
      body,
    });
  }

  // 2. Every server action, called directly with arguments of the wrong type.
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, unknown> };
  const actionIds = Object.keys(manifest.node);
  expect(actionIds.length).toBeGreaterThan(10);
  const argLists: unknown[][] = [
    [],
    ...wrongTypes.map((w) => [w]),
    ...wrongTypes.map((w) => [w, {}, "$K1"]),
    ...wrongTypes.map((w) => [id, w, w]),
    [["a"]],
    [{ not: "x" }],
    [{ not: "x" }, {}, "$K1"],
    [{ id: { not: "" } }, {}, "$K1"],
    ["$undefined", "$undefined"],
    ["a".repeat(100_000)],
    ["cnotarealsetupid0000000000", {}, "$K1"],
    ["../../etc", {}, "$K1"],
    [id, { __proto__: { polluted: 1 } }, "$K1"],
    ["$@1", "$Q1", "$W1", "$h1"],
  ];
  for (const action of actionIds) {
    for (const args of argLists)
      cases.push({
        what: `action ${action.slice(0, 8)} ${JSON.stringify(args).slice(0, 40)}`,
        path: `/setups/${id}/dns`,
        method: "POST",
        headers: {
          ...withSession,
          "next-action": action,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        body: JSON.stringify(args),
      });
    for (const raw of [
      "",
      "{",
      "[",
      "null",
      "[[[[[[[[",
      "[".repeat(20_000) + "]".repeat(20_000),
      '"\\ud800"',
      "\u0000\u0001",
    ])
      cases.push({
        what: `action ${action.slice(0, 8)} raw ${raw.slice(0, 10)}`,
        path: "/",
        method: "POST",
        headers: { ...withSession, "next-action": action, "content-type": "text/plain;charset=UTF-8" },
        body: raw,
      });
    const form = multipart([
      { name: "0", value: '[{},"$K1"]' },
      { name: "1_x", value: "y" },
    ]);
    cases.push({
      what: `action ${action.slice(0, 8)} multipart`,
      path: "/",
      method: "POST",
      headers: { ...withSession, "next-action": action, "content-type": form.type },
      body: form.body,
    });
    cases.push({
      what: `action ${action.slice(0, 8)} broken multipart`,
      path: "/",
      method: "POST",
      headers: { ...withSession, "next-action": action, "content-type": "multipart/form-data; boundary=zz" },
      body: '--zz\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1,2',
    });
  }
  for (const bad of ["x", "0".repeat(42), "../../", "%00", "a".repeat(5000), ""])
    cases.push({
      what: `unknown action ${bad.slice(0, 10)}`,
      path: "/",
      method: "POST",
      headers: { ...withSession, "next-action": bad, "content-type": "text/plain" },
      body: "[]",
    });

  // 3. Bodies: too large, chunked, wrong types on routes.
  for (const p of ["/", `/setups/${id}/domain`, "/login", `/api/setups/${id}/checks`, `/api/setups/${id}/export`]) {
    cases.push({
      what: `2 MB body ${p}`,
      path: p,
      method: "POST",
      headers: withSession,
      body: Buffer.alloc(2 * 1024 * 1024, 0x61),
    });
    cases.push({
      what: `1.1 MB action ${p}`,
      path: p,
      method: "POST",
      headers: { ...actionHeaders, ...withSession },
      body: "x".repeat(1_100_000),
    });
    for (const type of [
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "text/xml",
      "application/octet-stream",
    ])
      cases.push({
        what: `${type} ${p}`,
        path: p,
        method: "POST",
        headers: { ...withSession, "content-type": type },
        body: "\u0000{<x>&=%%",
      });
  }

  // 4. Headers.
  const headerSets: Record<string, string>[] = [
    { host: "" },
    { host: "a".repeat(300) },
    { host: "user@evil.test" },
    { host: `${server.host}:${server.port}@evil.test` },
    { host: "[::ffff:127.0.0.1]" },
    { host: "evil.test", "x-forwarded-host": server.host },
    { "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http", "x-forwarded-host": "evil.test" },
    { "x-postwright-client": "127.0.0.1", "x-postwright-https": "0" },
    { referer: "::::not a url" },
    { referer: "javascript:alert(1)" },
    { referer: "https://evil.test//evil.test/x" },
    { cookie: "pw_session=" + "a".repeat(5000) },
    { cookie: "pw_session=%00%ff; pw_session=x; NEXT_LOCALE=../../etc" },
    { cookie: "NEXT_LOCALE=__proto__" },
    { "accept-language": "x".repeat(5000) },
    { "accept-language": "__proto__;q=1, constructor" },
    { "next-router-state-tree": "%%%not-json" },
    { "next-router-state-tree": encodeURIComponent(JSON.stringify({ a: "x" })) },
    { rsc: "1", "next-router-prefetch": "1" },
    { "next-url": "//evil.test" },
    { origin: "null" },
    { origin: "https://evil.test" },
    { "content-type": "multipart/form-data; boundary=" + "b".repeat(200) },
    { "sec-fetch-site": "cross-site" },
    { range: "bytes=0-1,0-1,0-1" },
    { "if-none-match": "*" },
    { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    { "x-invoke-path": "/api/setups/x/bundle" },
  ];
  const headerPaths = [
    "/",
    "/login",
    "/setups/new",
    `/setups/${id}/dns`,
    `/api/setups/${id}/export`,
    `/api/setups/${id}/bundle`,
    "/account",
    "/favicon.ico",
  ];
  for (const h of headerSets)
    for (const p of headerPaths)
      for (const method of ["GET", "POST"])
        cases.push({
          what: `headers ${JSON.stringify(h).slice(0, 50)} ${method} ${p}`,
          path: p,
          method,
          headers: { cookie, ...h },
          body: method === "POST" ? "x=1" : undefined,
        });
  // The language switch with hostile Referers (its action takes the Referer's path).
  const localeAction = actionIds;
  for (const referer of [
    "::::",
    "http://[::1",
    "https://evil.test/%zz",
    "/relative",
    "x".repeat(3000),
    "https://a/%00",
  ])
    for (const action of localeAction.slice(0, 3)) {
      const form = multipart([
        { name: "1_locale", value: "fr" },
        { name: "0", value: '["$K1"]' },
      ]);
      cases.push({
        what: `referer ${referer.slice(0, 10)}`,
        path: "/",
        method: "POST",
        headers: { ...withSession, referer, "next-action": action, "content-type": form.type },
        body: form.body,
      });
    }

  // 5. Paths and query strings.
  for (const value of hostileStrings) {
    const v = encodeURIComponent(value).slice(0, 8000);
    cases.push({ what: `page id ${value.slice(0, 20)}`, path: `/setups/${v}/dns`, headers: { cookie } });
    cases.push({ what: `api id ${value.slice(0, 20)}`, path: `/api/setups/${v}/export`, headers: { cookie } });
    cases.push({
      what: `format ${value.slice(0, 20)}`,
      path: `/api/setups/${id}/records?format=${v}`,
      headers: { cookie },
    });
    cases.push({ what: `setup token ${value.slice(0, 20)}`, path: `/setup/${v}` });
    cases.push({ what: `acme token ${value.slice(0, 20)}`, path: `/.well-known/acme-challenge/${v}` });
    cases.push({ what: `step ${value.slice(0, 20)}`, path: `/setups/${id}/${v}`, headers: { cookie } });
    cases.push({
      what: `query ${value.slice(0, 20)}`,
      path: `/setups/${id}/certificate?x=${v}&${v}=1`,
      headers: { cookie },
    });
    cases.push({
      what: `checks ${value.slice(0, 20)}`,
      path: `/api/setups/${id}/checks?scope=${v}&only=${v}`,
      method: "POST",
      headers: withSession,
    });
  }

  // Run them, four at a time, from the other machine.
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  async function worker() {
    while (next < cases.length) {
      const c = cases[next++];
      let res: Answer;
      try {
        res = await lanRequest(server.url + c.path, {
          method: c.method ?? "GET",
          headers: c.headers,
          body: c.body,
          from: OTHER_LAN_ADDRESS,
        });
      } catch (e) {
        failures.push(`${c.what}: ${(e as Error).message}`);
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${c.what}: ${res.status} ${res.text.slice(0, 200)}`);
      if (/\n\s+at \S+ \(|PRIVATE KEY|relay-pw-1|mailbox password 1/.test(res.text))
        failures.push(`${c.what}: leaks ${res.text.slice(0, 200)}`);
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker));
  test.info().annotations.push({
    type: "fuzz",
    description: `${cases.length} requests: ${JSON.stringify(Object.fromEntries(statuses))}`,
  });
  console.log(`fuzz: ${cases.length} hostile requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(cases.length).toBeGreaterThanOrEqual(2000);
  expect(failures).toEqual([]);
  expect(server.output()).not.toMatch(/⨯|Unhandled|uncaught|\n\s+at \S+ \(/i);
  expect(snapshot(server.env.DATABASE_URL!.slice(5))).toBe(before);
  // And the server still serves its admin (logged out, maybe: the actions called include "log out").
  await login(page, server);
  await expect(page.getByRole("heading", { name: "Your mail setups" })).toBeVisible();
  await page.goto(`${server.url}/setups/${id}/domain`);
  await expect(page.getByLabel("Public IPv4 address")).toHaveValue("203.0.113.77");
});
