import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { sameName } from "./records";
import { verdict } from "./verdict";
import { ipVersion } from "@/lib/net/host-port";

/** The domain's MX points at the mail hostname: a name (not an IP), with its own A/AAAA (not a CNAME); every other MX resolves. */
export const mxCheck: Check = {
  id: "mx",
  needs: ["nameservers"],
  async run(ctx) {
    const { domain, hostname } = ctx.setup;
    return checkEverywhere(ctx, domain, "MX", async (records, _res, lookup) => {
      if (records.some((r) => r.type === "CNAME"))
        return verdict("fail", "mx.domainCname", { domain }, "mx.fix", { domain, hostname });
      const exchanges = records.filter((r) => r.type === "MX").map((r) => String(r.data.exchange).replace(/\.$/, ""));
      if (!exchanges.length) return verdict("fail", "mx.missing", { domain }, "mx.fix", { domain, hostname });
      if (exchanges.every((x) => x === ""))
        return verdict("fail", "mx.null", { domain }, "mx.fix", { domain, hostname });
      const literal = exchanges.find((x) => ipVersion(x) !== 0);
      if (literal) return verdict("fail", "mx.ip", { domain, target: literal }, "mx.fix", { domain, hostname });
      const addressed = new Map<string, boolean>();
      for (const x of exchanges.filter(Boolean)) {
        const [a, aaaa] = await Promise.all([lookup(x, "A"), lookup(x, "AAAA")]);
        const cname = [...a.answers, ...aaaa.answers].find((r) => r.type === "CNAME" && sameName(r.name, x));
        if (cname)
          return verdict("fail", "mx.cname", { target: x, alias: String(cname.data) }, "mx.cnameFix", {
            target: x,
            domain,
            hostname,
          });
        addressed.set(
          x,
          [...a.answers, ...aaaa.answers].some((r) => r.type === "A" || r.type === "AAAA"),
        );
      }
      if (!exchanges.some((x) => sameName(x, hostname)))
        return verdict("fail", "mx.wrongHost", { domain, found: exchanges.join(", "), hostname }, "mx.fix", {
          domain,
          hostname,
        });
      if (![...addressed].some(([x, ok]) => ok && sameName(x, hostname)))
        return verdict("fail", "mx.noAddress", { target: hostname }, "mx.noAddressFix", { target: hostname });
      // A backup MX that resolves is a choice; one that does not is a record nobody can use.
      const dead = [...addressed].filter(([x, ok]) => !ok && !sameName(x, hostname)).map(([x]) => x);
      if (dead.length)
        return verdict("warn", "mx.deadBackup", { domain, others: dead.join(", ") }, "mx.othersFix", {
          others: dead.join(", "),
        });
      return verdict("pass", "mx.pass", { domain, hostname });
    });
  },
};
