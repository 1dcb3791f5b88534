import type { SetupDocument } from "@/lib/setup/schema";

/** A zone with the setup's DKIM records, for the BIND the install test serves. */
export function dkimZone(doc: SetupDocument, keys: { selector: string; algorithm: string; publicValue: string }[], serial = 1): string {
  const txt = (s: string) => (s.match(/.{1,250}/g) ?? []).map((c) => `"${c}"`).join(" ");
  return [
    `$ORIGIN ${doc.domain}.`,
    "$TTL 300",
    `@ IN SOA ns1.${doc.domain}. hostmaster.${doc.domain}. ( ${serial} 3600 600 86400 300 )`,
    `@ IN NS ns1.${doc.domain}.`,
    "ns1 IN A 127.0.0.1",
    ...keys.map((k) => `${k.selector}._domainkey IN TXT ( ${txt(`v=DKIM1; k=${k.algorithm === "ed25519" ? "ed25519" : "rsa"}; p=${k.publicValue}`)} )`),
    "",
  ].join("\n");
}
