import "server-only";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { formatHostPort } from "@/lib/net/host-port";
import { checkEverywhere } from "./propagation";
import { keyUsableFor, parseDkimKeyRecord } from "./dkim-key-record";
import { parseTags, txtStrings } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { errorMessage, errorRef, type Verdict, verdict } from "./verdict";

/** Judges the DKIM TXT found at a selector (after any CNAME) against the stored public key, as a verifier would. */
export function judgeDkimRecord(
  texts: string[],
  expected: { selector: string; algorithm: string; publicKey: string },
): Verdict {
  const { selector } = expected;
  const fix = ["dkim.fix", { selector }] as const;
  if (!texts.length) return verdict("fail", "dkim.missing", { selector }, ...fix);
  if (texts.length > 1) return verdict("fail", "dkim.multiple", { selector }, ...fix);
  const record = parseDkimKeyRecord(texts[0]);
  if ("kind" in record) {
    switch (record.kind) {
      case "syntax":
        return verdict("fail", "dkim.syntax", { selector, error: record.detail }, ...fix);
      case "version":
        return verdict("fail", "dkim.version", { selector, found: record.found }, ...fix);
      case "versionNotFirst":
        return verdict("fail", "dkim.versionNotFirst", { selector }, ...fix);
      case "noKey":
        return verdict("fail", "dkim.noKey", { selector }, ...fix);
      case "badBase64":
        return verdict("fail", "dkim.badBase64", { selector }, ...fix);
      case "service":
        return verdict("fail", "dkim.service", { selector, found: record.found }, ...fix);
      default:
        return verdict("fail", "dkim.syntax", { selector, error: record.kind }, ...fix);
    }
  }
  const stored = expected.publicKey.replace(/\s+/g, "");
  if (!record.publicKey) return verdict("fail", "dkim.revoked", { selector }, ...fix);
  if (record.publicKey !== stored) {
    const truncated = stored.startsWith(record.publicKey);
    return verdict(
      "fail",
      truncated ? "dkim.truncated" : "dkim.mismatch",
      { selector, length: record.publicKey.length, expected: stored.length },
      ...fix,
    );
  }
  const unusable = keyUsableFor(record, expected.algorithm);
  if (unusable?.kind === "keyType")
    return verdict(
      "fail",
      "dkim.wrongAlgorithm",
      { selector, found: unusable.found, expected: expected.algorithm === "ed25519" ? "ed25519" : "rsa" },
      ...fix,
    );
  if (unusable?.kind === "hash") return verdict("fail", "dkim.hash", { selector, found: unusable.found }, ...fix);
  if (record.flags.includes("y")) return verdict("warn", "dkim.testing", { selector }, "dkim.testingFix", { selector });
  return verdict("pass", "dkim.pass", { selector });
}

/** A relay provider's DKIM record: the CNAME points where the provider said, and a key answers behind it. */
async function providerRecord(
  ctx: CheckContext,
  r: { name: string; type: "CNAME" | "TXT"; value: string },
  details: CheckDetail[],
): Promise<Verdict> {
  const name = `${r.name}.${ctx.setup.domain}`;
  const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
  try {
    if (r.type === "CNAME") {
      const found = (await ctx.resolve(name, "CNAME")).answers
        .filter((a) => a.type === "CNAME")
        .map((a) => String(a.data).toLowerCase().replace(/\.$/, ""));
      details.push({
        source,
        query: `CNAME ${name}`,
        answer: found.length ? found : ["none"],
        status: found.includes(r.value) ? "pass" : "fail",
      });
      if (!found.includes(r.value))
        return verdict(
          "fail",
          "dkim.providerCname",
          { name, expected: r.value, found: found.join(", ") || "none" },
          "dkim.providerFix",
          { name },
        );
    }
    // Through the resolver, which follows the CNAME to the provider's key.
    const texts = txtStrings(await ctx.resolve(name, "TXT"));
    const key = texts.find((t) => /(^|;)\s*p=[A-Za-z0-9+/]/.test(t));
    details.push({
      source,
      query: `TXT ${name}`,
      answer: texts.length ? texts.map((t) => t.slice(0, 80)) : ["none"],
      status: key ? "pass" : "fail",
    });
    if (!key) return verdict("fail", "dkim.providerNoKey", { name }, "dkim.providerFix", { name });
    return verdict("pass", "dkim.providerPass", { name });
  } catch (e) {
    details.push({ source, query: `${r.type} ${name}`, note: errorMessage(e), noteRef: errorRef(e), status: "error" });
    return verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix");
  }
}

/** For each selector, the published key is the stored one. */
export const dkimCheck: Check = {
  id: "dkim",
  needs: ["nameservers"],
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
    const relay = ctx.setup.delivery.mode === "relay" ? ctx.setup.delivery : null;
    for (const r of relay?.providerDkim ?? []) verdicts.push(await providerRecord(ctx, r, details));
    const worst = worstStatus(verdicts.map((v) => v.status));
    if (worst === "pass" && keys.length > 1)
      return {
        verdict: verdict("pass", "dkim.passAll", { selectors: keys.map((k) => k.selector).join(", ") }),
        details,
      };
    return { verdict: verdicts.find((v) => v.status === worst)!, details };
  },
};
