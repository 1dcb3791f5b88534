import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { parseTags } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { verdict, type Verdict } from "./verdict";

/** Judges the DKIM TXT found at a selector against the stored public key. */
export function judgeDkimRecord(
  texts: string[],
  expected: { selector: string; algorithm: string; publicKey: string },
): Verdict {
  const { selector } = expected;
  const keys = texts.filter((t) => /(^|;)\s*p=/.test(t) || /^v=DKIM1/i.test(t.trim()));
  if (!keys.length) return verdict("fail", "dkim.missing", { selector }, "dkim.fix", { selector });
  if (keys.length > 1) return verdict("fail", "dkim.multiple", { selector }, "dkim.fix", { selector });
  const tags = parseTags(keys[0]);
  const published = (tags.get("p") ?? "").replace(/\s+/g, "");
  const stored = expected.publicKey.replace(/\s+/g, "");
  const k = (tags.get("k") ?? "rsa").toLowerCase();
  const wantK = expected.algorithm === "ed25519" ? "ed25519" : "rsa";
  if (!published) return verdict("fail", "dkim.revoked", { selector }, "dkim.fix", { selector });
  if (published !== stored) {
    const truncated = stored.startsWith(published);
    return verdict(
      "fail",
      truncated ? "dkim.truncated" : "dkim.mismatch",
      { selector, length: published.length, expected: stored.length },
      "dkim.fix",
      { selector },
    );
  }
  if (k !== wantK)
    return verdict("fail", "dkim.wrongAlgorithm", { selector, found: k, expected: wantK }, "dkim.fix", { selector });
  return verdict("pass", "dkim.pass", { selector });
}

/** For each selector, the published key is the stored one. */
export const dkimCheck: Check = {
  id: "dkim",
  async run(ctx) {
    const keys = ctx.input.dkimKeys;
    if (!keys.length) return { verdict: verdict("error", "dkim.noKeys", {}, "dkim.noKeysFix"), details: [] };
    const details: CheckDetail[] = [];
    const verdicts = await Promise.all(
      keys.map(async (key) => {
        const out = await checkEverywhere(ctx, `${key.selector}._domainkey.${ctx.setup.domain}`, "TXT", (records) =>
          judgeDkimRecord(
            records.filter((r) => r.type === "TXT").map((r) => (r.data as Buffer[]).map((b) => b.toString()).join("")),
            key,
          ),
        );
        details.push(...out.details);
        return out.verdict;
      }),
    );
    const worst = worstStatus(verdicts.map((v) => v.status));
    if (worst === "pass" && keys.length > 1)
      return {
        verdict: verdict("pass", "dkim.passAll", { selectors: keys.map((k) => k.selector).join(", ") }),
        details,
      };
    return { verdict: verdicts.find((v) => v.status === worst)!, details };
  },
};
