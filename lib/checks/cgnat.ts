import "server-only";
import os from "node:os";
import ipaddr from "ipaddr.js";
import type { Check } from "./check";
import { parsePublicIPv4, parsePublicIPv6 } from "@/lib/setup/addresses";
import { askEchoServices, echoDetails } from "./public-ip-echo";
import { verdict } from "./verdict";

const CGNAT = ipaddr.IPv4.parseCIDR("100.64.0.0/10");

function kind(ip: string): "cgnat" | "private" | "public" {
  if (ipaddr.IPv4.isValidFourPartDecimal(ip) && ipaddr.IPv4.parse(ip).match(CGNAT)) return "cgnat";
  return (ip.includes(":") ? parsePublicIPv6(ip) : parsePublicIPv4(ip)).ok ? "public" : "private";
}

export function localInterfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/** Carrier-grade NAT (100.64.0.0/10) or a private address where a public one is expected: no inbound mail can reach this host. */
export const cgnatCheck: Check = {
  id: "cgnat",
  needs: ["echo"],
  async run(ctx) {
    if (!ctx.setup.ipv4) return { verdict: verdict("skip", "cgnat.noIpv4"), details: [] };
    const answers = await askEchoServices(ctx);
    const details = echoDetails(answers.filter((a) => a.family === 4));
    const seen = answers.find((a) => a.family === 4 && a.address);
    if (seen && kind(seen.address!) !== "public") {
      return { verdict: verdict("fail", "cgnat.seenPrivate", { ip: seen.address! }, "cgnat.fix"), details };
    }
    const local = (ctx.run.deps.localAddresses ?? localInterfaceAddresses)().filter((a) => kind(a) === "cgnat");
    if (local.length) {
      details.push({ source: "this host", query: "interface addresses", answer: local, status: "warn" });
      return { verdict: verdict("warn", "cgnat.localCgnat", { ip: local[0] }, "cgnat.localFix"), details };
    }
    if (!seen)
      return {
        verdict: verdict("error", "publicIp.noEcho", { family: "IPv4" }, "publicIp.noEchoFix", { family: "IPv4" }),
        details,
      };
    return { verdict: verdict("pass", "cgnat.pass", { ip: seen.address! }), details };
  },
};
