import type { DnsPlan } from "./plan";
import { relativeHost } from "./relative-host";

/**
 * A plain-text table for terminals: registrar records with the relative host,
 * then the PTR records for the ISP, then the notices. English (CLI output).
 */
export function renderRecordsTable(plan: DnsPlan, explain: (purpose: string) => string): string {
  const registrar = plan.records.filter((r) => r.where === "registrar");
  const rows = registrar.map((r) => [
    relativeHost(r.name, plan.origin) ?? `${r.name}. (other zone)`,
    r.type,
    String(r.ttl),
    r.level,
    r.value,
  ]);
  const header = ["HOST", "TYPE", "TTL", "LEVEL", "VALUE"];
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join("  ");
  const out = [
    `DNS records for ${plan.origin} (zone ${plan.origin}., "@" is the domain itself)`,
    "",
    line(header),
    ...rows.map(line),
  ];
  const ptr = plan.records.filter((r) => r.where === "isp");
  if (ptr.length) {
    out.push("", "Ask your ISP (reverse DNS, not at the registrar):");
    for (const r of ptr) out.push(`  ${r.name}. PTR ${r.value}`);
  }
  if (plan.mtaSts)
    out.push(
      "",
      `MTA-STS policy, served at https://mta-sts.${plan.origin}/.well-known/mta-sts.txt:`,
      ...plan.mtaSts.text
        .trimEnd()
        .split("\r\n")
        .map((l) => `  ${l}`),
    );
  const purposes = [...new Set(plan.records.map((r) => r.purpose))];
  out.push("", "What each record is for:", ...purposes.map((p) => `  ${p}: ${explain(p)}`));
  return out.join("\n") + "\n";
}
