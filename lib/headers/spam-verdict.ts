import { fieldValues, type HeaderField } from "./message-headers";
import { ref, type HeaderVerdict } from "./verdict";

/** Who wrote the verdicts, from the receiver's name for itself (authserv-id or its Received "by"). */
export function receiverName(id: string | undefined): string {
  const h = (id ?? "").toLowerCase();
  if (/(^|\.)google\.com$/.test(h)) return "Gmail";
  if (/(^|\.)(outlook\.com|office365\.com|protection\.outlook\.com)$/.test(h)) return "Outlook / Microsoft 365";
  if (/(^|\.)yahoo\.(com|net)$/.test(h) || /(^|\.)yahoodns\.net$/.test(h)) return "Yahoo";
  if (/(^|\.)(messagingengine\.com|fastmail\.com)$/.test(h)) return "Fastmail";
  return h || "the receiver";
}

const sclMeaning = (scl: number) =>
  scl < 0 ? "bypassed" : scl <= 1 ? "not spam" : scl <= 4 ? "low" : scl <= 6 ? "spam" : "high-confidence spam";

/** The receiver's spam verdict, when its headers carry one (Microsoft, SpamAssassin, rspamd). */
export function spamVerdict(fields: HeaderField[], receiver: string): HeaderVerdict {
  const base = { mechanism: "spam" as const, source: "receiver" as const };
  const forefront = fieldValues(fields, "x-forefront-antispam-report")[0];
  const orgScl = fieldValues(fields, "x-ms-exchange-organization-scl")[0];
  const authAs = fieldValues(fields, "x-ms-exchange-organization-authas")[0] ?? "";
  if (forefront || orgScl) {
    const tags = new Map(
      (forefront ?? "")
        .split(";")
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => [p.slice(0, p.indexOf(":")).toUpperCase(), p.slice(p.indexOf(":") + 1)] as const),
    );
    const scl = Number(tags.get("SCL") ?? orgScl ?? NaN);
    const sfv = tags.get("SFV") ?? "";
    const cat = tags.get("CAT") ?? "";
    const junk =
      scl >= 5 || ["SPM", "SKS", "SKB"].includes(sfv) || ["SPM", "HSPM", "PHSH", "HPHSH", "BULK"].includes(cat);
    return {
      ...base,
      status: Number.isNaN(scl) && !sfv ? "none" : junk ? "fail" : "pass",
      reason: ref("spam.microsoft", {
        scl: Number.isNaN(scl) ? "?" : scl,
        meaning: Number.isNaN(scl) ? "?" : sclMeaning(scl),
        sfv: sfv || "-",
        cat: cat || "-",
        authAs: authAs || "-",
      }),
      ...(junk ? { fix: ref("spam.junkFix", {}, "checks") } : {}),
    };
  }
  const sa = fieldValues(fields, "x-spam-status")[0];
  if (sa) {
    const yes = /^yes\b/i.test(sa);
    const score = /score=(-?[\d.]+)/i.exec(sa)?.[1] ?? "?";
    const required = /required=(-?[\d.]+)/i.exec(sa)?.[1] ?? "?";
    const tests = /tests=([^\s]+(?:\s*,\s*[^\s,]+)*)/i.exec(sa)?.[1]?.replace(/\s+/g, "") ?? "-";
    return {
      ...base,
      status: yes ? "fail" : "pass",
      reason: ref("spam.spamassassin", { score, required, tests, verdict: yes ? "spam" : "not spam" }),
      ...(yes ? { fix: ref("spam.junkFix", {}, "checks") } : {}),
    };
  }
  const rspamd = fieldValues(fields, "x-spamd-result")[0];
  if (rspamd) {
    const m = /(True|False)\s*\[\s*(-?[\d.]+)\s*\/\s*(-?[\d.]+)\s*\]/i.exec(rspamd);
    const spam = m?.[1].toLowerCase() === "true";
    return {
      ...base,
      status: m ? (spam ? "fail" : "pass") : "neutral",
      reason: ref("spam.rspamd", {
        score: m?.[2] ?? "?",
        required: m?.[3] ?? "?",
        verdict: spam ? "spam" : "not spam",
      }),
      ...(spam ? { fix: ref("spam.junkFix", {}, "checks") } : {}),
    };
  }
  const flag = fieldValues(fields, "x-spam-flag")[0];
  const score = fieldValues(fields, "x-spam-score")[0];
  if (flag || score) {
    const spam = /^yes/i.test(flag ?? "");
    return {
      ...base,
      status: flag ? (spam ? "fail" : "pass") : "neutral",
      reason: ref("spam.flag", { flag: flag ?? "-", score: score ?? "-" }),
      ...(spam ? { fix: ref("spam.junkFix", {}, "checks") } : {}),
    };
  }
  return { ...base, status: "none", reason: ref("spam.none", { receiver }) };
}
