import type { RelayPreset } from "./presets";

/** A DNS record the relay provider asks for, relative to the domain ("fm1._domainkey"). */
export interface ProviderDkimRecord {
  name: string;
  type: "CNAME" | "TXT";
  value: string;
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;
const HOSTNAME = /^(?=.{1,253}\.?$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}\.?$/i;

/** The preset's records for `domain`, with what Postwright can fill in; {selector}, {name}, {value} stay for the user. */
export function presetDkimRecords(
  preset: RelayPreset,
  domain: string,
  fill: { tenant?: string } = {},
): ProviderDkimRecord[] {
  return (preset.dkim ?? []).map((t) => {
    const sub = (s: string) =>
      s
        .replaceAll("{domain}", domain)
        .replaceAll("{domainDashes}", domain.replaceAll(".", "-"))
        .replaceAll("{tenant}", fill.tenant ?? "{tenant}");
    return { name: sub(t.name), type: t.type, value: sub(t.value) };
  });
}

/** The placeholders still to replace (what the provider's dashboard gives). */
export function placeholdersIn(r: ProviderDkimRecord): string[] {
  return [...`${r.name} ${r.value}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

export function formatProviderDkim(records: ProviderDkimRecord[]): string {
  return records.map((r) => `${r.name} ${r.type} ${r.value}`).join("\n");
}

export type ProviderDkimProblem = "syntax" | "placeholder" | "name" | "cname" | "txt" | "tooMany";

/**
 * Reads the form's "NAME TYPE VALUE" lines (one record a line). Names are
 * relative to the domain; a CNAME's value is a host name, a TXT's a DKIM key
 * record (with p=). Nothing that could change a zone file's structure passes.
 */
export function parseProviderDkim(text: string): {
  records: ProviderDkimRecord[];
  problems: { line: number; problem: ProviderDkimProblem }[];
} {
  const records: ProviderDkimRecord[] = [];
  const problems: { line: number; problem: ProviderDkimProblem }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\S+)\s+(CNAME|TXT)\s+(.+)$/i.exec(line);
    if (!m) return problems.push({ line: i + 1, problem: "syntax" });
    const r: ProviderDkimRecord = {
      name: m[1].toLowerCase().replace(/\.$/, ""),
      type: m[2].toUpperCase() as "CNAME" | "TXT",
      value: m[3].trim(),
    };
    if (placeholdersIn(r).length) return problems.push({ line: i + 1, problem: "placeholder" });
    if (!r.name.split(".").every((l) => LABEL.test(l))) return problems.push({ line: i + 1, problem: "name" });
    if (r.type === "CNAME") {
      r.value = r.value.toLowerCase().replace(/\.$/, "");
      if (!HOSTNAME.test(r.value)) return problems.push({ line: i + 1, problem: "cname" });
    } else {
      r.value = r.value.replace(/^"|"$/g, "").replace(/"\s*"/g, "");
      if (!/(^|;)\s*p=[A-Za-z0-9+/=\s]*(;|$)/.test(r.value) || /["\\\u0000-\u001f\u007f]/.test(r.value))
        return problems.push({ line: i + 1, problem: "txt" });
    }
    records.push(r);
  });
  if (records.length > 10) problems.push({ line: lines.length, problem: "tooMany" });
  return { records, problems };
}
