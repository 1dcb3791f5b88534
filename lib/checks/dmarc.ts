import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { parseTags } from "./records";
import { verdict, type Verdict } from "./verdict";

export function judgeDmarc(texts: string[], domain: string): Verdict {
  const records = texts.filter((t) => /^v=DMARC1\s*(;|$)/i.test(t.trim()));
  if (!records.length) return verdict("fail", "dmarc.missing", { domain }, "dmarc.fix", { domain });
  if (records.length > 1) return verdict("fail", "dmarc.multiple", { domain }, "dmarc.fix", { domain });
  const tags = parseTags(records[0]);
  const p = tags.get("p")?.toLowerCase();
  if (!p || !["none", "quarantine", "reject"].includes(p))
    return verdict("fail", "dmarc.syntax", { domain }, "dmarc.fix", { domain });
  const rua = tags.get("rua");
  if (!rua || !rua.split(",").some((u) => /^mailto:[^@\s]+@[^@\s]+$/i.test(u.trim())))
    return verdict("fail", "dmarc.noRua", { domain }, "dmarc.fix", { domain });
  if (p === "none") return verdict("warn", "dmarc.none", { domain }, "dmarc.noneFix");
  return verdict("pass", "dmarc.pass", { domain, policy: p });
}

/** One DMARC record that parses, with rua; p=none only warns. */
export const dmarcCheck: Check = {
  id: "dmarc",
  run(ctx) {
    const domain = ctx.setup.domain;
    return checkEverywhere(ctx, `_dmarc.${domain}`, "TXT", (records) =>
      judgeDmarc(
        records.filter((r) => r.type === "TXT").map((r) => (r.data as Buffer[]).map((b) => b.toString()).join("")),
        domain,
      ),
    );
  },
};
