import "server-only";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { sameIp } from "./address-record";
import { formatHostPort } from "@/lib/net/host-port";
import { sameName } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { reverseName } from "./reverse-name";
import { errorMessage, errorRef, type Verdict, verdict } from "./verdict";

/** PTR names of an address (through the resolver), shared with dynamic-ip through the run's cache. */
export async function ptrNames(ctx: CheckContext, ip: string): Promise<{ names: string[]; rcode: string }> {
  const res = await ctx.resolve(reverseName(ip), "PTR");
  return { names: res.answers.filter((r) => r.type === "PTR").map((r) => String(r.data)), rcode: res.rcode };
}

async function checkOne(ctx: CheckContext, ip: string, details: CheckDetail[]): Promise<Verdict> {
  const host = ctx.setup.hostname;
  const type = ip.includes(":") ? "AAAA" : "A";
  const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
  try {
    const { names, rcode } = await ptrNames(ctx, ip);
    details.push({
      source,
      query: `PTR ${reverseName(ip)}`,
      answer: names.length ? names : [rcode],
      status: names.length ? "pass" : "fail",
    });
    if (!names.length) return verdict("fail", "ptr.missing", { ip }, "ptr.missingFix", { ip, host });
    if (names.length > 1)
      return verdict("fail", "ptr.several", { ip, names: names.join(", ") }, "ptr.missingFix", { ip, host });
    const name = names[0];
    const fwd = await ctx.resolve(name, type);
    const addrs = fwd.answers.filter((r) => r.type === type).map((r) => String(r.data));
    const confirmed = addrs.some((a) => sameIp(a, ip));
    details.push({
      source,
      query: `${type} ${name}`,
      answer: addrs.length ? addrs : [fwd.rcode],
      status: confirmed ? "pass" : "fail",
    });
    if (!confirmed)
      return verdict("fail", "ptr.notConfirmed", { ip, name, type }, "ptr.notConfirmedFix", { ip, name, host });
    // Receivers require forward-confirmed reverse DNS, not that it names the HELO host; some filters score the difference.
    if (!sameName(name, host))
      return verdict("warn", "ptr.otherName", { ip, name, host }, "ptr.otherNameFix", { ip, host });
    return verdict("pass", "ptr.pass", { ip, host });
  } catch (e) {
    details.push({
      source,
      query: `PTR ${reverseName(ip)}`,
      note: errorMessage(e),
      noteRef: errorRef(e),
      status: "error",
    });
    return verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix");
  }
}

/** Forward-confirmed reverse DNS for each address, IPv4 and IPv6 separately, naming the mail hostname. */
export const ptrCheck: Check = {
  id: "ptr",
  needs: ["nameservers"],
  async run(ctx) {
    const details: CheckDetail[] = [];
    const verdicts = await Promise.all(ctx.ownAddresses().map((ip) => checkOne(ctx, ip, details)));
    const worst = worstStatus(verdicts.map((v) => v.status));
    const v = verdicts.find((x) => x.status === worst)!;
    // Through a relay, receivers see the relay's address: this one only matters for inbound mail.
    if (worst === "fail" && ctx.setup.delivery.mode === "relay") return { verdict: { ...v, status: "warn" }, details };
    return {
      verdict:
        verdicts.length > 1 && worst === "pass" ? verdict("pass", "ptr.passAll", { host: ctx.setup.hostname }) : v,
      details,
    };
  },
};
