import "server-only";
import type { Check } from "./check";
import { formatHostPort } from "@/lib/net/host-port";
import type { CheckDetail } from "./result";
import { errorMessage, verdict } from "./verdict";

/** The domain's authoritative nameservers answer, authoritatively, with the same SOA serial. */
export const nsCheck: Check = {
  id: "ns",
  async run(ctx) {
    const domain = ctx.setup.domain;
    let nameservers;
    try {
      nameservers = await ctx.nameservers();
    } catch (e) {
      return {
        verdict: verdict("fail", "ns.none", { domain, error: errorMessage(e) }, "ns.noneFix"),
        details: [{ query: `NS ${domain}`, note: errorMessage(e), status: "fail" }],
      };
    }
    const details: CheckDetail[] = [];
    const answers = await Promise.all(
      nameservers.map(async (ns) => {
        const source = `${ns.name} (${formatHostPort(ns.server)})`;
        try {
          const res = await ctx.ask(ns.server, domain, "SOA", { recurse: false });
          const soa = res.answers.find((r) => r.type === "SOA");
          const serial: number | undefined = soa?.data.serial;
          const ok = res.aa && res.rcode === "NOERROR" && serial !== undefined;
          details.push({
            source,
            query: `SOA ${domain}`,
            answer: [soa ? `serial ${serial}` : res.rcode],
            status: ok ? "pass" : "fail",
          });
          return { ns, serial: ok ? serial : undefined, lame: !ok, rcode: res.rcode };
        } catch (e) {
          details.push({ source, query: `SOA ${domain}`, note: errorMessage(e), status: "error" });
          return { ns, error: errorMessage(e) };
        }
      }),
    );
    const lame = answers.find((a) => "lame" in a && a.lame);
    if (lame)
      return {
        verdict: verdict(
          "fail",
          "ns.lame",
          { server: lame.ns.name, rcode: String((lame as { rcode: string }).rcode) },
          "ns.lameFix",
          { server: lame.ns.name, domain },
        ),
        details,
      };
    const serials = answers
      .map((a) => ("serial" in a ? a.serial : undefined))
      .filter((s): s is number => s !== undefined);
    const highest = Math.max(...serials);
    const behind = answers.find((a) => "serial" in a && a.serial !== undefined && a.serial !== highest);
    if (behind && "serial" in behind) {
      return {
        verdict: verdict(
          "fail",
          "ns.serialMismatch",
          { server: behind.ns.name, serial: behind.serial!, highest },
          "ns.serialMismatchFix",
          { server: behind.ns.name },
        ),
        details,
      };
    }
    const silent = answers.find((a) => "error" in a);
    if (silent)
      return {
        verdict: verdict(
          "error",
          "common.nsNoAnswer",
          { server: silent.ns.name, error: String((silent as { error: string }).error) },
          "common.nsNoAnswerFix",
          { server: silent.ns.name },
        ),
        details,
      };
    if (new Set(nameservers.map((n) => n.name)).size < 2)
      return { verdict: verdict("warn", "ns.single", { server: nameservers[0].name }, "ns.singleFix"), details };
    return { verdict: verdict("pass", "ns.pass", { count: nameservers.length, serial: highest }), details };
  },
};
