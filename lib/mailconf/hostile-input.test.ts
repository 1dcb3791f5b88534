import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { setupInputSchema, withoutSecrets, type SetupDocument } from "@/lib/setup/schema";
import { mailInputs, setupInput, type Variant } from "@/test/mail/fixtures";
import { UnsafeConfigValueError } from "./config-value";
import { renderMailFiles } from "./mail-files";
import type { MailInputs } from "./mail-inputs";
import { postfixMainParameters } from "./postfix-main-cf";

// Issue 6: hostile values in every field are refused (by the schema or by the
// renderer's guard) or rendered inert — postconf reads back exactly the
// parameters the renderer meant, and every map keeps one entry per line.

const FRAGMENTS = [
  "\n",
  "\r\n",
  "\u0000",
  ",",
  "$",
  "${x}",
  "=",
  '"',
  "'",
  " ",
  "\t",
  "#",
  ":",
  "\\",
  "{",
  "}",
  "[",
  "]",
  "@",
  "..",
  "\u2028",
  "\u0085",
  "-o smtpd_relay_restrictions=",
  "\nmynetworks = 0.0.0.0/0",
  "xn--",
  "é",
  "\u0430" /* Cyrillic a */,
];

const hostile = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join("")),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.constantFrom(
    "exаmple.test" /* homoglyph */,
    "ex\u0430mple.test",
    "mail.example.test\nrelayhost = [evil]:25",
    "a@b.test, evil@x.test",
    "$myhostname",
    "alice@example.test\u0000",
    "x".repeat(70) + ".test",
  ),
);

/** Each place a person's value enters the Setup document or the render inputs. */
const FIELDS: { name: string; variant: Variant; set: (input: Record<string, any>, v: string) => void }[] = [
  { name: "domain", variant: "direct-v4-rsa", set: (i, v) => (i.domain = v) },
  { name: "hostname", variant: "direct-v4-rsa", set: (i, v) => (i.hostname = v) },
  { name: "adminEmail", variant: "direct-v4-rsa", set: (i, v) => (i.adminEmail = v) },
  { name: "mailbox address", variant: "direct-v4-rsa", set: (i, v) => (i.mailboxes[0].address = v) },
  { name: "alias from", variant: "direct-v4-rsa", set: (i, v) => (i.aliases[0].from = v) },
  { name: "alias to", variant: "direct-v4-rsa", set: (i, v) => (i.aliases[0].to = v) },
  { name: "dkim selector", variant: "direct-v4-rsa", set: (i, v) => (i.dkim.selector = v) },
  { name: "relay host", variant: "relay-587", set: (i, v) => (i.delivery.host = v) },
  { name: "relay username", variant: "relay-587", set: (i, v) => (i.delivery.username = v) },
  { name: "relay port", variant: "relay-587", set: (i, v) => (i.delivery.port = v) },
  { name: "ipv4", variant: "direct-v4-rsa", set: (i, v) => (i.ipv4 = v) },
  { name: "ipv6", variant: "direct-v6-both", set: (i, v) => (i.ipv6 = v) },
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-hostile-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const postconfCache = new Map<string, { stderr: string; stdout: string }>();
/** postconf -n on a main.cf (memoised: most hostile values leave main.cf unchanged). */
function postconfN(mainCf: string, masterCf: string) {
  if (!postconfCache.has(mainCf)) {
    fs.writeFileSync(path.join(dir, "main.cf"), mainCf);
    fs.writeFileSync(path.join(dir, "master.cf"), masterCf);
    const r = spawnSync("postconf", ["-c", dir, "-n"], { encoding: "utf8" });
    postconfCache.set(mainCf, { stderr: r.stderr, stdout: r.stdout });
  }
  return postconfCache.get(mainCf)!;
}

/** Asserts that the rendered files have exactly the structure the renderer meant. */
function expectInert(inputs: MailInputs) {
  const files = renderMailFiles(inputs);
  const r = postconfN(
    files.find((f) => f.path.endsWith("/main.cf"))!.content,
    files.find((f) => f.path.endsWith("/master.cf"))!.content,
  );
  expect(r.stderr).toBe("");
  const read = new Map(
    r.stdout
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf(" = ")), l.slice(l.indexOf(" = ") + 3)] as [string, string]),
  );
  read.delete("config_directory");
  expect(read).toEqual(new Map(postfixMainParameters(inputs)));
  for (const f of files) {
    if (f.syntax === "pem") continue;
    expect(f.content, f.path).not.toMatch(/[\u0000\u0085\u2028\u2029]|\r(?!\n)/);
  }
  const policy = files.find((f) => f.path.endsWith("mta-sts.txt"))!;
  expect(policy.content.split("\r\n")).toHaveLength(5); // four lines, CRLF-terminated (RFC 8461)
  for (const f of files.filter((f) => f.postmap)) {
    for (const line of f.content.trim().split("\n").filter(Boolean)) expect(line, f.path).toMatch(/^\S+ \S.*$/);
  }
  const users = files.find((f) => f.path.endsWith("/dovecot/users"))!;
  for (const line of users.content.trim().split("\n"))
    expect(line).toMatch(/^[a-z0-9._+-]+@[a-z0-9.-]+:\{BLF-CRYPT\}\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}::::::$/);
}

function refusedOrInert(build: () => MailInputs | null) {
  let inputs: MailInputs | null;
  try {
    inputs = build();
    if (!inputs) return "refused by the schema";
    expectInert(inputs);
    return "inert";
  } catch (e) {
    if (e instanceof UnsafeConfigValueError) return "refused by the renderer";
    throw e;
  }
}

describe("hostile values", { timeout: 120_000 }, () => {
  it.each(FIELDS)("in $name are refused by the schema or rendered inert", ({ variant, set }) => {
    fc.assert(
      fc.property(hostile, (value) => {
        const input = structuredClone(setupInput(variant)) as Record<string, any>;
        set(input, value);
        refusedOrInert(() => {
          const parsed = setupInputSchema.safeParse(input);
          return parsed.success ? mailInputs(variant, { doc: withoutSecrets(parsed.data) }) : null;
        });
      }),
      { numRuns: 25 },
    );
  });

  it.each(FIELDS.filter((f) => f.name !== "relay port"))(
    "in $name, put straight into a stored document (no schema), are refused by the renderer or inert",
    ({ variant, set }) => {
      fc.assert(
        fc.property(hostile, (value) => {
          const doc = structuredClone(withoutSecrets(setupInputSchema.parse(setupInput(variant)))) as SetupDocument &
            Record<string, any>;
          set(doc, value);
          refusedOrInert(() => mailInputs(variant, { doc }));
        }),
        { numRuns: 25 },
      );
    },
  );

  it("in the relay password, the password hashes and the keys are refused or inert", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        refusedOrInert(() => mailInputs("relay-587", { relayPassword: value }));
        refusedOrInert(() => ({
          ...mailInputs("direct-v4-rsa"),
          mailboxes: [{ address: "alice@example.test", passwordHash: value }],
        }));
        refusedOrInert(() => ({
          ...mailInputs("direct-v4-rsa"),
          dkimKeys: [{ selector: "pw1", algorithm: "rsa-2048" as const, privateKeyPem: value }],
        }));
      }),
      { numRuns: 40 },
    );
  });

  it("refuses the classic injections outright", () => {
    const doc = withoutSecrets(setupInputSchema.parse(setupInput("relay-587")));
    const inject = (patch: Record<string, unknown>) => () =>
      renderMailFiles(mailInputs("relay-587", { doc: { ...doc, ...patch } as SetupDocument }));
    expect(inject({ hostname: "mail.example.test\nmynetworks = 0.0.0.0/0" })).toThrow(UnsafeConfigValueError);
    expect(inject({ domain: "example.test, evil.test" })).toThrow(/domain/);
    expect(inject({ delivery: { mode: "relay", host: "relay.test]:25\n[evil", port: 587, username: "u" } })).toThrow(
      /delivery\.host/,
    );
    expect(inject({ delivery: { mode: "relay", host: "relay.test", port: 587, username: "u:x" } })).toThrow(
      /delivery\.username/,
    );
    expect(() => renderMailFiles(mailInputs("relay-587", { relayPassword: "pass\n[evil]:25 x:y" }))).toThrow(
      /relayPassword/,
    );
    // A '$' or ',' in the relay password is kept as is: map values are not expanded.
    const sasl = renderMailFiles(mailInputs("relay-587", { relayPassword: "a$b,c=d \"e'" })).find((f) =>
      f.path.endsWith("sasl_passwd"),
    )!;
    expect(sasl.content).toBe("[smtp.relay.test]:587 relay-user@example.test:a$b,c=d \"e'\n");
  });
});
