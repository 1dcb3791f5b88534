import explanations from "@/messages/en/dns.json";
import type { DnsPlan } from "./plan";
import { relativeHost } from "./relative-host";
import { chunkTxt } from "./txt-chunks";

/** The plan as JSON for tools and people: every record with its relative host, TXT chunks and an English explanation. */
export function renderRecordsJson(plan: DnsPlan): string {
  const body = {
    origin: plan.origin,
    hostname: plan.hostname,
    records: plan.records.map((r) => ({
      name: r.name,
      host: r.where === "registrar" ? relativeHost(r.name, plan.origin) : null,
      type: r.type,
      ttl: r.ttl,
      value: r.value,
      ...(r.type === "TXT" ? { txtChunks: chunkTxt(r.value) } : {}),
      purpose: r.purpose,
      level: r.level,
      where: r.where,
      explanation: explanations.purposes[r.purpose],
    })),
    mtaStsPolicy: plan.mtaSts
      ? { url: `https://mta-sts.${plan.origin}/.well-known/mta-sts.txt`, id: plan.mtaSts.id, text: plan.mtaSts.text }
      : null,
    notices: plan.notices,
  };
  return JSON.stringify(body, null, 2) + "\n";
}
