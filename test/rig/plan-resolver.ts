import type { DnsRecord } from "@/lib/dns/record";
import { chunkTxt } from "@/lib/dns/txt-chunks";

/**
 * A resolver shaped like dns.promises.resolve that answers from plan records,
 * for mailauth and the checks, without a DNS server. TXT answers come back
 * as chunk arrays, as a real resolver returns them.
 */
export function planResolver(records: DnsRecord[]) {
  return async (name: string, rrtype = "A"): Promise<unknown[]> => {
    const n = name.replace(/\.$/, "").toLowerCase();
    const type = rrtype.toUpperCase();
    const hits = records.filter((r) => r.name === n && r.type === type);
    if (!hits.length) {
      const known = records.some((r) => r.name === n || r.name.endsWith(`.${n}`));
      throw Object.assign(new Error(`${type} ${n}: no data`), { code: known ? "ENODATA" : "ENOTFOUND" });
    }
    return hits.map((r) => {
      if (type === "TXT") return chunkTxt(r.value);
      if (type === "MX") {
        const [priority, exchange] = r.value.split(" ");
        return { priority: Number(priority), exchange: exchange.replace(/\.$/, "") };
      }
      return r.value.replace(/\.$/, "");
    });
  };
}
