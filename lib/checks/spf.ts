import "server-only";
import { spf } from "mailauth/lib/spf/index.js";
import { formatHostPort, ipVersion } from "@/lib/net/host-port";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { checkEverywhere } from "./propagation";
import { parseTags, txtStrings } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { countSpfLookups } from "./spf-lookups";
import { spfResolver } from "./spf-resolver";
import { isSpfRecord, spfDirectives, spfModifier, spfSyntaxError } from "./spf-syntax";
import { errorMessage, errorRef, type Verdict, verdict } from "./verdict";

async function spfRecordsAt(ctx: CheckContext, name: string): Promise<string[]> {
  return txtStrings(await ctx.resolve(name, "TXT")).filter(isSpfRecord);
}

/** The addresses receivers see mail come from: the server's, or the relay's. */
async function sendingAddresses(ctx: CheckContext): Promise<string[]> {
  const d = ctx.setup.delivery;
  if (d.mode !== "relay") return ctx.ownAddresses();
  if (ipVersion(d.host)) return [d.host];
  const [a, aaaa] = await Promise.all([ctx.resolve(d.host, "A"), ctx.resolve(d.host, "AAAA")]);
  return [...a.answers, ...aaaa.answers].filter((r) => r.type === "A" || r.type === "AAAA").map((r) => String(r.data));
}

/** The record names the relay's include, and the include publishes exactly one SPF record. */
async function relayInclude(
  ctx: CheckContext,
  record: string,
  include: string,
  details: CheckDetail[],
): Promise<Verdict[]> {
  const domain = ctx.setup.domain;
  const source = `resolver ${formatHostPort(ctx.config.resolver)}`;
  const named = record
    .split(/\s+/)
    .some((t) => t.replace(/^\+/, "").toLowerCase() === `include:${include.toLowerCase().replace(/\.$/, "")}`);
  details.push({
    source,
    query: `include:${include} in SPF of ${domain}`,
    answer: [named ? "yes" : "no"],
    status: named ? "pass" : "fail",
  });
  if (!named)
    return [
      verdict("fail", "spf.relayIncludeMissing", { domain, include }, "spf.relayIncludeMissingFix", {
        domain,
        include,
      }),
    ];
  const published = await spfRecordsAt(ctx, include);
  details.push({
    source,
    query: `SPF ${include}`,
    answer: published.length ? published : ["none"],
    status: published.length === 1 ? "pass" : "fail",
  });
  if (published.length !== 1)
    return [
      verdict("fail", "spf.relayIncludeBroken", { include, count: published.length }, "spf.relayIncludeBrokenFix", {
        include,
      }),
    ];
  return [];
}

/**
 * A receiver's SPF result for `ip` (mailauth's check_host), where every SPF
 * record the evaluation fetches (include:, redirect=) must also parse as a
 * whole: a syntax error in any of them is a permerror, as RFC 7208 §4.6 says.
 */
async function evaluate(ctx: CheckContext, sender: string, helo: string, ip: string) {
  const base = spfResolver(ctx);
  const broken: string[] = [];
  const resolver = async (name: string, type: string) => {
    const answer = await base(name, type);
    if (type === "TXT")
      for (const strings of answer as string[][]) {
        const text = strings.join("");
        const error = isSpfRecord(text) ? spfSyntaxError(text) : null;
        if (error) broken.push(`${name}: ${error}`);
      }
    return answer;
  };
  const r = await spf({ sender, ip, helo, mta: "postwright", resolver });
  if (broken.length && r.status.result !== "temperror")
    return { result: "permerror", text: `${broken[0]} (RFC 7208 §4.6)` };
  return { result: r.status.result as string, text: String(r.status.comment ?? "") };
}

/** The qualifier that applies to everyone else: the record's all, through redirect= when it has none (default ?). */
async function policyOf(ctx: CheckContext, record: string, depth = 0): Promise<string> {
  const all = spfDirectives(record).find((d) => d.name === "all");
  if (all) return all.qualifier;
  const redirect = spfModifier(record, "redirect");
  if (redirect && depth < 10 && !redirect.includes("%")) {
    const [target] = await spfRecordsAt(ctx, redirect.replace(/\.$/, ""));
    if (target) return policyOf(ctx, target, depth + 1);
  }
  return "?";
}

/** The domain's DMARC policy as receivers find it (none when there is no valid record). */
async function dmarcPolicy(ctx: CheckContext): Promise<string> {
  const texts = txtStrings(await ctx.resolve(`_dmarc.${ctx.setup.domain}`, "TXT")).filter((t) =>
    /^v=DMARC1\s*;/i.test(t),
  );
  const p = texts.length === 1 ? parseTags(texts[0]).get("p")?.toLowerCase() : undefined;
  return p === "quarantine" || p === "reject" ? p : "none";
}

/**
 * Exactly one SPF record, valid as a whole, not open to everyone (+all), with
 * a policy for everyone else that DMARC backs up, within 10 lookups, passing
 * for every sending address; and the hostname's own SPF for HELO.
 */
export const spfCheck: Check = {
  id: "spf",
  needs: ["nameservers"],
  async run(ctx) {
    const { domain, hostname } = ctx.setup;
    const out = await checkEverywhere(ctx, domain, "TXT", (records) => {
      const spfs = records
        .filter((r) => r.type === "TXT")
        .map((r) => (r.data as Buffer[]).map((b) => b.toString()).join(""))
        .filter(isSpfRecord);
      if (!spfs.length) return verdict("fail", "spf.missing", { domain }, "spf.fix", { domain });
      if (spfs.length > 1)
        return verdict("fail", "spf.multiple", { domain, count: spfs.length }, "spf.multipleFix", { domain });
      const syntax = spfSyntaxError(spfs[0]);
      if (syntax) return verdict("fail", "spf.syntax", { domain, error: syntax }, "spf.fix", { domain });
      if (spfDirectives(spfs[0]).some((d) => d.name === "all" && d.qualifier === "+"))
        return verdict("fail", "spf.plusAll", { domain }, "spf.plusAllFix");
      return verdict("pass", "spf.pass", { domain });
    });
    if (out.verdict.status !== "pass" && out.verdict.status !== "warn") return out;
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
        const policy = await policyOf(ctx, record);
        if (policy === "~" || policy === "?") {
          const dmarc = await dmarcPolicy(ctx);
          const enforced = dmarc !== "none";
          details.push({
            source,
            query: `SPF policy of ${domain}`,
            answer: [`${policy}all, DMARC p=${dmarc}`],
            status: "warn",
          });
          verdicts.push(
            verdict(
              "warn",
              enforced ? "spf.softAllEnforced" : "spf.softAllUnenforced",
              { domain, all: `${policy}all`, policy: dmarc },
              enforced ? "spf.softAllEnforcedFix" : "spf.softAllUnenforcedFix",
              { domain },
            ),
          );
        }
      }
      const relay = ctx.setup.delivery.mode === "relay" ? ctx.setup.delivery : null;
      // A relay service sends from its own pool, not from its submission host: the record must
      // include the provider's SPF (followed above when counting lookups), not the host's address.
      if (relay?.spfInclude) verdicts.push(...(await relayInclude(ctx, record ?? "", relay.spfInclude, details)));
      for (const ip of relay?.spfInclude ? [] : await sendingAddresses(ctx)) {
        const r = await evaluate(ctx, `postmaster@${domain}`, hostname, ip);
        const ok = r.result === "pass";
        details.push({
          source,
          query: `SPF ${domain} for ${ip}`,
          answer: [r.text ? `${r.result} (${r.text})` : r.result],
          status: ok ? "pass" : "fail",
        });
        if (!ok)
          verdicts.push(
            r.result === "permerror"
              ? verdict("fail", "spf.permerror", { domain, ip, error: r.text }, "spf.fix", { domain })
              : verdict(
                  r.result === "temperror" ? "error" : "fail",
                  "spf.notCovered",
                  { domain, ip, result: r.result },
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
            const ok = r.result === "pass";
            details.push({
              source,
              query: `SPF ${hostname} (HELO) for ${ip}`,
              answer: [r.result],
              status: ok ? "pass" : "warn",
            });
            if (!ok)
              verdicts.push(
                verdict("warn", "spf.heloNotCovered", { hostname, ip, result: r.result }, "spf.heloMissingFix", {
                  hostname,
                }),
              );
          }
        }
      }
    } catch (e) {
      details.push({ source, note: errorMessage(e), noteRef: errorRef(e), status: "error" });
      verdicts.push(verdict("error", "common.resolverError", { error: errorRef(e) }, "common.resolverErrorFix"));
    }
    const worst = worstStatus(verdicts.map((v) => v.status));
    return { verdict: verdicts.find((v) => v.status === worst)!, details };
  },
};
