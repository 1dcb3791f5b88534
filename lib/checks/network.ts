import "server-only";
import { formatHostPort } from "@/lib/net/host-port";
import type { Check } from "./check";
import { verdict } from "./verdict";

/**
 * The preflight, reported once: does the resolver resolve public names, and
 * does this machine reach the Internet directly (an echo service answers)?
 * When not, the checks that depend on it say "not checked" and point here.
 */
export const networkCheck: Check = {
  id: "network",
  async run(ctx) {
    const network = ctx.network();
    const [resolver, internet] = await Promise.all([network.resolver, network.internet]);
    const details = [resolver.detail, ...internet.details];
    const server = formatHostPort(ctx.config.resolver);
    const echo = internet.details.map((d) => d.source).join(", ");
    const tld = ctx.setup.domain.replace(/\.$/, "").split(".").pop()!;
    if (!resolver.ok && internet.ok === false)
      return {
        verdict: verdict("error", "network.offline", { resolver: server, echo }, "network.offlineFix"),
        details,
      };
    if (!resolver.ok) {
      const key =
        resolver.problem === "silent"
          ? "network.resolverSilent"
          : resolver.problem === "nxdomain"
            ? "network.resolverNxdomain"
            : "network.resolverRcode";
      return {
        verdict: verdict(
          "error",
          key,
          { resolver: server, tld, rcode: resolver.detail.answer?.[0] ?? "" },
          "network.resolverFix",
          {
            resolver: server,
          },
        ),
        details,
      };
    }
    if (internet.ok === false)
      return { verdict: verdict("error", "network.echoSilent", { echo }, "network.echoSilentFix", { echo }), details };
    return { verdict: verdict("pass", "network.pass", { resolver: server }), details };
  },
};
