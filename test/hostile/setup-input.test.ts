import "@/test/temp-db";
import { describe, expect, it } from "vitest";
import { getSetupByDomain } from "@/lib/setup/store";
import { importSetupJson } from "@/lib/setup/import-json";
import { hostileStrings, wrongTypes } from "./corpus";

const base = {
  domain: "hostile.example.test",
  hostname: "mail.hostile.example.test",
  ipv4: "203.0.113.90",
  ipv6: "2001:db8::90",
  adminEmail: "owner@example.org",
  delivery: {
    mode: "relay",
    host: "smtp.relay.example.net",
    port: 587,
    username: "relayuser",
    password: "relay password",
  },
  dkim: { selector: "pw1", algorithms: ["rsa-2048"] },
  dmarc: { policy: "quarantine", reportEmail: "dmarc@hostile.example.test" },
  mtaSts: { mode: "testing" },
  // No password in the base: bcrypt on every one of the 1344 cases would dominate the run.
  mailboxes: [{ address: "ana@hostile.example.test" }],
  aliases: [{ from: "info@hostile.example.test", to: "ana@hostile.example.test" }],
  acme: { directory: "letsencrypt", email: "owner@example.org", challenge: "dns-01-manual" },
};

const FIELDS = [
  "domain",
  "hostname",
  "ipv4",
  "ipv6",
  "adminEmail",
  "delivery.host",
  "delivery.port",
  "delivery.username",
  "delivery.password",
  "dkim.selector",
  "dkim.algorithms",
  "dmarc.policy",
  "dmarc.reportEmail",
  "mtaSts.mode",
  "mailboxes.0.address",
  "mailboxes.0.password",
  "aliases.0.from",
  "aliases.0.to",
  "acme.directory",
  "acme.email",
  "acme.challenge",
];

function withValue(path: string, value: unknown): Record<string, unknown> {
  const doc = structuredClone(base) as Record<string, unknown>;
  const parts = path.split(".");
  let node = doc as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
  return doc;
}

/** What a stored (accepted) value may look like: nothing that can change a file's structure. */
const SAFE_STORED = /^[a-z0-9.@_+:\-[\]/]*$/;

describe("hostile input into every Setup field", () => {
  const cases = FIELDS.flatMap((field) => [...hostileStrings, ...wrongTypes].map((value) => ({ field, value })));

  it(`has a corpus of at least 300 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it("answers each with a clear error naming the field, or stores an inert value; never a crash, never a change on refusal", async () => {
    const first = await importSetupJson(JSON.stringify(base));
    expect(first.ok).toBe(true);
    const before = JSON.stringify((await getSetupByDomain(base.domain))!.document);
    let refused = 0;
    for (const { field, value } of cases) {
      const r = await importSetupJson(JSON.stringify(withValue(field, value)));
      const label = `${field} = ${JSON.stringify(value)?.slice(0, 60)}`;
      if (!r.ok) {
        refused++;
        expect(r.reason, label).toMatch(/invalid|too-large|domain-taken/);
        if (r.reason === "invalid") {
          expect(r.lines.length, label).toBeGreaterThan(0);
          // the message names the field (or its parent object for a wrong type)
          // (a new domain also makes the mailboxes and aliases foreign to it: those lines name them)
          const roots = field === "domain" ? ["domain", "mailboxes", "aliases"] : [field.split(".")[0]];
          expect(
            r.lines.some((l) => roots.some((root) => l.startsWith(root))),
            `${label}: ${r.lines.join(" | ")}`,
          ).toBe(true);
          expect(
            r.lines.every((l) => !/undefined|\[object/.test(l)),
            label,
          ).toBe(true);
        }
        expect(JSON.stringify((await getSetupByDomain(base.domain))!.document), label).toBe(before);
        continue;
      }
      // Accepted: the stored document holds only inert values (passwords are never stored as given).
      const doc = r.setup.document as unknown as Record<string, unknown>;
      const strings: string[] = [];
      JSON.stringify(doc, (_k, v) => (typeof v === "string" ? (strings.push(v), v) : v));
      for (const s of strings) expect(s, label).toMatch(SAFE_STORED);
      // put the base document back for the next case
      if (r.setup.domain === base.domain) expect((await importSetupJson(JSON.stringify(base))).ok).toBe(true);
    }
    expect(refused).toBeGreaterThan(cases.length * 0.8);
  }, 120_000);
});
