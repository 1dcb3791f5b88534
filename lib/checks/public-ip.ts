import "server-only";
import type { Check } from "./check";
import { sameIp } from "./address-record";
import { askEchoServices, echoDetails } from "./public-ip-echo";
import { verdict, type Verdict } from "./verdict";

/** The public IPv4/IPv6 seen from outside is the one the setup says. */
export const publicIpCheck: Check = {
  id: "public-ip",
  needs: ["echo"],
  async run(ctx) {
    const answers = await askEchoServices(ctx);
    const details = echoDetails(answers);
    const verdicts: Verdict[] = [];
    for (const [family, expected] of [
      [4, ctx.setup.ipv4],
      [6, ctx.setup.ipv6],
    ] as const) {
      if (!expected) continue;
      const seen = answers.filter((a) => a.family === family && a.address);
      if (!seen.length) {
        verdicts.push(
          verdict("error", "publicIp.noEcho", { family: `IPv${family}` }, "publicIp.noEchoFix", {
            family: `IPv${family}`,
          }),
        );
        continue;
      }
      const other = seen.find((a) => !sameIp(a.address!, expected));
      if (other)
        verdicts.push(
          verdict(
            "fail",
            "publicIp.mismatch",
            { family: `IPv${family}`, seen: other.address!, expected },
            "publicIp.mismatchFix",
            { seen: other.address! },
          ),
        );
    }
    const fail = verdicts.find((v) => v.status === "fail") ?? verdicts.find((v) => v.status === "error");
    if (fail) return { verdict: fail, details };
    return { verdict: verdict("pass", "publicIp.pass", { addresses: ctx.ownAddresses().join(", ") }), details };
  },
};
