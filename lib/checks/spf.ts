import "server-only";
import net from "node:net";
import { spf } from "mailauth/lib/spf";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { formatHostPort } from "@/lib/net/host-port";
import { checkEverywhere } from "./propagation";
import { txtStrings } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { countSpfLookups, spfSyntaxError } from "./spf-lookups";
import { spfResolver } from "./spf-resolver";
import { errorMessage, verdict, type Verdict } from "./verdict";

const isSpf = (t: string) => /^v=spf1(\s|$)/i.test(t.trim());

async function spfRecordsAt(ctx: CheckContext, name: string): Promise<string[]> {
  return txtStrings(await ctx.resolve(name, "TXT")).filter(isSpf);
}

/** The addresses receivers see mail come from: the server's, or the relay's. */
async function sendingAddresses(ctx: CheckContext): Promise<string[]> {
  const d = ctx.setup.delivery;
  if (d.mode !== "relay") return ctx.ownAddresses();
  if (net.isIP(d.host)) return [d.host];
  const [a, aaaa] = await Promise.all([ctx.resolve(d.host, "A"), ctx.resolve(d.host, "AAAA")]);
  return [...a.answers, ...aaaa.answers].filter((r) => r.type === "A" || r.type === "AAAA").map((r) => String(r.data));
}

async function evaluate(ctx: CheckContext, sender: string, helo: string, ip: string) {
  return spf({ sender, ip, helo, mta: "postwright", resolver: spfResolver(ctx) });
}

/** Exactly one SPF record that parses, within 10 lookups, passing for every sending address; and the hostname's own SPF for HELO. */
export const spfCheck: Check = {
  id: "spf",
  async run(ctx) {
    const { domain, hostname } = ctx.setup;
    const out = await checkEverywhere(ctx, domain, "TXT", (records) => {
      const spfs = records
        .filter((r) => r.type === "TXT")
        .map((r) => (r.data as Buffer[]).map((b) => b.toString()).join(""))
        .filter(isSpf);
      if (!spfs.length) return verdict("fail", "spf.missing", { domain }, "spf.fix", { domain });
      if (spfs.length > 1)
        return verdict("fail", "spf.multiple", { domain, count: spfs.length }, "spf.multipleFix", { domain });
      const syntax = spfSyntaxError(spfs[0]);
      if (syntax) return verdict("fail", "spf.syntax", { domain, error: syntax }, "spf.fix", { domain });
      return verdict("pass", "spf.pass", { domain });
    });
    if (out.verdict.status === "fail" || out.verdict.status === "error") return out;
    const details: CheckDetail[] = out.details;
    const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
    const verdicts: Verdict[] = [out.verdict];
    try {
      const [record] = await spfRecordsAt(ctx, domain);
      if (record) {
        const lookups = await countSpfLookups(record, (n) => spfRecordsAt(ctx, n));
        details.push({
          source,
          query: `SPF lookups for ${domain}`,
          answer: [String(lookups)],
          status: lookups > 10 ? "fail" : "pass",
        });
        if (lookups > 10)
          return {
            verdict: verdict("fail", "spf.tooManyLookups", { domain, count: lookups }, "spf.tooManyLookupsFix"),
            details,
          };
      }
      for (const ip of await sendingAddresses(ctx)) {
        const r = await evaluate(ctx, `postmaster@${domain}`, hostname, ip);
        const ok = r.status.result === "pass";
        details.push({
          source,
          query: `SPF ${domain} for ${ip}`,
          answer: [r.status.result],
          status: ok ? "pass" : "fail",
        });
        if (!ok)
          verdicts.push(
            verdict(
              r.status.result === "temperror" ? "error" : "fail",
              "spf.notCovered",
              { domain, ip, result: r.status.result },
              "spf.notCoveredFix",
              { ip },
            ),
          );
      }
      if (ctx.setup.delivery.mode === "direct") {
        const helo = await spfRecordsAt(ctx, hostname);
        if (!helo.length) {
          details.push({ source, query: `SPF ${hostname} (HELO)`, answer: ["none"], status: "warn" });
          verdicts.push(verdict("warn", "spf.heloMissing", { hostname }, "spf.heloMissingFix", { hostname }));
        } else {
          for (const ip of ctx.ownAddresses()) {
            const r = await evaluate(ctx, `postmaster@${hostname}`, hostname, ip);
            const ok = r.status.result === "pass";
            details.push({
              source,
              query: `SPF ${hostname} (HELO) for ${ip}`,
              answer: [r.status.result],
              status: ok ? "pass" : "fail",
            });
            if (!ok)
              verdicts.push(
                verdict("warn", "spf.heloNotCovered", { hostname, ip, result: r.status.result }, "spf.heloMissingFix", {
                  hostname,
                }),
              );
          }
        }
      }
    } catch (e) {
      details.push({ source, note: errorMessage(e), status: "error" });
      verdicts.push(verdict("error", "common.resolverError", { error: errorMessage(e) }, "common.resolverErrorFix"));
    }
    const worst = worstStatus(verdicts.map((v) => v.status));
    return { verdict: verdicts.find((v) => v.status === worst)!, details };
  },
};
