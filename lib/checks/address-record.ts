import "server-only";
import ipaddr from "ipaddr.js";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { verdict } from "./verdict";

// Cloudflare's published ranges: a mail hostname there is proxied and cannot receive SMTP.
const CDN_RANGES = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
].map((c) => ipaddr.parseCIDR(c));

export function isCdnAddress(ip: string): boolean {
  try {
    const a = ipaddr.parse(ip);
    return CDN_RANGES.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
  } catch {
    return false;
  }
}

function sameIp(a: string, b: string): boolean {
  try {
    return ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();
  } catch {
    return false;
  }
}

/** The mail hostname's A (or AAAA) records are exactly the setup's address. */
function addressCheck(id: "a" | "aaaa", type: "A" | "AAAA", field: "ipv4" | "ipv6"): Check {
  return {
    id,
    needs: ["nameservers"],
    async run(ctx) {
      const expected = ctx.setup[field];
      const host = ctx.setup.hostname;
      if (!expected) return { verdict: verdict("skip", `${id}.noAddress`), details: [] };
      return checkEverywhere(ctx, host, type, (records) => {
        const cname = records.find((r) => r.type === "CNAME");
        if (cname)
          return verdict("fail", "address.cname", { host, target: String(cname.data), type }, "address.fix", {
            host,
            type,
            ip: expected,
          });
        const found = records.map((r) => String(r.data));
        if (!found.length)
          return verdict("fail", "address.missing", { host, type }, "address.fix", { host, type, ip: expected });
        const cdn = found.find(isCdnAddress);
        if (cdn)
          return verdict("fail", "address.cdn", { host, ip: cdn }, "address.cdnFix", { host, type, ip: expected });
        const wrong = found.filter((f) => !sameIp(f, expected));
        if (wrong.length)
          return verdict(
            "fail",
            "address.wrong",
            { host, type, found: found.join(", "), ip: expected },
            "address.fix",
            { host, type, ip: expected },
          );
        return verdict("pass", "address.pass", { host, type, ip: expected });
      });
    },
  };
}

export const aCheck = addressCheck("a", "A", "ipv4");
export const aaaaCheck = addressCheck("aaaa", "AAAA", "ipv6");
export { sameIp };
