import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { sameName } from "./records";
import { verdict } from "./verdict";
import { ipVersion } from "@/lib/net/host-port";

/** The domain's MX points at the mail hostname: a name (not an IP), with its own A/AAAA (not a CNAME). */
export const mxCheck: Check = {
  id: "mx",
  async run(ctx) {
    const { domain, hostname } = ctx.setup;
    return checkEverywhere(ctx, domain, "MX", async (records, _res, lookup) => {
      if (records.some((r) => r.type === "CNAME"))
        return verdict("fail", "mx.domainCname", { domain }, "mx.fix", { domain, hostname });
      const exchanges = records.map((r) => String(r.data.exchange));
      if (!exchanges.length || (exchanges.length === 1 && (exchanges[0] === "" || exchanges[0] === ".")))
        return verdict("fail", "mx.missing", { domain }, "mx.fix", { domain, hostname });
      const literal = exchanges.find((x) => ipVersion(x.replace(/\.$/, "")) !== 0);
      if (literal) return verdict("fail", "mx.ip", { domain, target: literal }, "mx.fix", { domain, hostname });
      for (const x of exchanges) {
        const a = await lookup(x, "A");
        const cname = a.answers.find((r) => r.type === "CNAME" && sameName(r.name, x));
        if (cname)
          return verdict("fail", "mx.cname", { target: x, alias: String(cname.data) }, "mx.cnameFix", {
            target: x,
            domain,
            hostname,
          });
      }
      if (!exchanges.some((x) => sameName(x, hostname)))
        return verdict("fail", "mx.wrongHost", { domain, found: exchanges.join(", "), hostname }, "mx.fix", {
          domain,
          hostname,
        });
      const others = exchanges.filter((x) => !sameName(x, hostname));
      if (others.length)
        return verdict("warn", "mx.others", { domain, others: others.join(", "), hostname }, "mx.othersFix", {
          others: others.join(", "),
        });
      return verdict("pass", "mx.pass", { domain, hostname });
    });
  },
};
