import "server-only";
import ipaddr from "ipaddr.js";
import type { Check } from "./check";
import { lookupBlocklists } from "./dnsbl-lookup";
import { ptrNames } from "./ptr";
import { sameName } from "./records";
import type { CheckDetail } from "./result";
import { errorMessage, errorRef, verdict } from "./verdict";
import { normalName } from "@/lib/setup/derived";

const GENERIC_WORDS =
  /^(dyn|dynamic|dynip|dsl|adsl|vdsl|xdsl|pool|dhcp|dial|dialup|ppp|pppoe|cable|cpe|client|clients|customer|cust|broadband|residential|res|home|user|users|ftth|fttx|lte|mobile|wireless|cgn|unassigned)\d*$/;

/** Whether a reverse name looks ISP-generic: it spells the address, or says dynamic/dsl/pool/… */
export function isGenericReverseName(name: string, ip: string): boolean {
  const n = normalName(name);
  const labels = n.split(".");
  const tokens = labels.flatMap((l) => l.split(/[-_]/));
  if (tokens.some((t) => GENERIC_WORDS.test(t))) return true;
  const a = ipaddr.parse(ip);
  if (a.kind() === "ipv4") {
    const o = (a as ipaddr.IPv4).octets.map(String);
    const digits = ` ${n.replace(/[^0-9]+/g, " ")} `;
    const hex = (a as ipaddr.IPv4).octets.map((x) => x.toString(16).padStart(2, "0")).join("");
    return digits.includes(` ${o.join(" ")} `) || digits.includes(` ${[...o].reverse().join(" ")} `) || n.includes(hex);
  }
  const full = (a as ipaddr.IPv6)
    .toNormalizedString()
    .split(":")
    .map((h) => h.padStart(4, "0"))
    .join("");
  return n.replace(/[^0-9a-f]/g, "").includes(full.slice(16));
}

/** A PBL listing or an ISP-generic reverse name: receivers refuse direct mail from such addresses. */
export const dynamicIpCheck: Check = {
  id: "dynamic-ip",
  needs: ["resolver"],
  async run(ctx) {
    const addresses = ctx.ownAddresses();
    if (!addresses.length) return { verdict: verdict("skip", "dnsbl.noAddress"), details: [] };
    const relay = ctx.setup.delivery.mode === "relay";
    const bad = relay ? "warn" : "fail";
    const details: CheckDetail[] = [];
    const pbl = (await lookupBlocklists(ctx)).filter((r) => r.outcome.kind === "pbl");
    for (const r of pbl)
      details.push({ source: r.zone, query: `A ${r.query}`, answer: ["end-user (PBL) range"], status: bad });
    if (pbl.length)
      return {
        verdict: verdict(bad, "dynamicIp.pbl", { ip: pbl[0].ip, zone: pbl[0].zone }, "dynamicIp.fix", {
          ip: pbl[0].ip,
        }),
        details,
      };
    for (const ip of addresses) {
      try {
        const { names } = await ptrNames(ctx, ip);
        const generic = names.find((n) => !sameName(n, ctx.setup.hostname) && isGenericReverseName(n, ip));
        details.push({ query: `PTR ${ip}`, answer: names.length ? names : ["none"], status: generic ? bad : "pass" });
        if (generic)
          return {
            verdict: verdict(bad, "dynamicIp.generic", { ip, name: generic }, "dynamicIp.fix", { ip }),
            details,
          };
      } catch (e) {
        details.push({ query: `PTR ${ip}`, note: errorMessage(e), noteRef: errorRef(e), status: "error" });
        return {
          verdict: verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix"),
          details,
        };
      }
    }
    return { verdict: verdict("pass", "dynamicIp.pass"), details };
  },
};
