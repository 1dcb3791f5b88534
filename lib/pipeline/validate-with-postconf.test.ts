import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MailFile } from "@/lib/mailconf/mail-files";
import { postconfBinary, validateWithPostconf } from "./validate-with-postconf";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-postconf-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (p: string, content: string): MailFile =>
  ({ path: p, content, mode: 0o644, owner: "root", group: "root", syntax: "postfix" }) as MailFile;
let serial = 0;
/** A main.cf and master.cf no earlier call has seen (the answers are kept by content). */
const fresh = (extra = "") => [
  file("/etc/postfix/main.cf", `myhostname = mail${++serial}.example.test\ncompatibility_level = 3.6\n${extra}`),
  file("/etc/postfix/master.cf", "smtp      inet  n       -       y       -       -       smtpd\n"),
];

/** A stand-in postconf: a shell script that sleeps, then writes how old main.cf was (seconds) to NAME.age. */
function fakePostconf(name: string, sleepSeconds: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(
    p,
    `#!/bin/sh\nsleep ${sleepSeconds}\necho $(( $(date +%s) - $(stat -c %Y "$2/main.cf") )) > "$0.age"\necho "compatibility_level = 3.6"\n`,
  );
  fs.chmodSync(p, 0o755);
  return p;
}

describe("validateWithPostconf", () => {
  it.runIf(postconfBinary({}))(
    "asks this machine's postconf, strips the temporary folder from its warnings",
    async () => {
      const ok = await validateWithPostconf(fresh());
      expect(ok).toMatchObject({ available: true, ok: true, warnings: [] });
      const warned = await validateWithPostconf(fresh("smtpd_tls_no_such_parameter = yes\n"));
      expect(warned.available && warned.ok).toBe(false);
      expect(warned.available && warned.warnings.join("\n")).toMatch(
        /postconf: warning: main\.cf: unused parameter: smtpd_tls_no_such_parameter=yes$/m,
      );
    },
  );

  it("answers the same files from memory, and never blocks the event loop meanwhile", async () => {
    const bin = fakePostconf("slow-postconf", 1);
    const files = fresh();
    let longestPause = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longestPause = Math.max(longestPause, performance.now() - last);
      last = performance.now();
    }, 10);
    const t0 = performance.now();
    const [a, b] = await Promise.all([validateWithPostconf(files, bin), validateWithPostconf(files, bin)]);
    const first = performance.now() - t0;
    clearInterval(ticker);
    expect(first).toBeGreaterThanOrEqual(1000);
    expect(longestPause).toBeLessThan(500);
    expect(b).toBe(a);
    const t1 = performance.now();
    expect(await validateWithPostconf(files, bin)).toBe(a);
    expect(performance.now() - t1).toBeLessThan(100);
    // Other content is asked again.
    expect(await validateWithPostconf(fresh(), bin)).not.toBe(a);
  });

  it("gives postconf files already a minute old (Postfix waits while a file is younger than a second)", async () => {
    const bin = fakePostconf("age-postconf", 0);
    expect(await validateWithPostconf(fresh(), bin)).toEqual({
      available: true,
      ok: true,
      warnings: [],
      parameters: 0,
    });
    expect(Number(fs.readFileSync(`${bin}.age`, "utf8"))).toBeGreaterThanOrEqual(30);
  });

  it("says unavailable without the two files; POSTWRIGHT_POSTCONF names another postconf", async () => {
    expect(await validateWithPostconf([fresh()[0]], "/bin/true")).toEqual({ available: false });
    expect(postconfBinary({ POSTWRIGHT_POSTCONF: "/opt/postfix/sbin/postconf" })).toBe("/opt/postfix/sbin/postconf");
  });
});
