import "server-only";
import { SmtpReader } from "@/lib/net/smtp-reader";
import type { HostPort } from "@/lib/net/host-port";
import { formatHostPort, ipVersion } from "@/lib/net/host-port";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { errorMessage, verdict } from "./verdict";

/** How a probe ended: a banner, or why not. Only "refused" and "timeout" say port 25 is blocked. */
type ProbeOutcome =
  | { kind: "banner"; banner: string }
  | { kind: "unresolved" | "refused" | "timeout" | "noRoute" | "other"; error: string };

const BLOCKING = new Set(["ECONNREFUSED", "ETIMEDOUT", "ECONNRESET"]);
const NO_ROUTE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EACCES", "EPERM", "EADDRNOTAVAIL"]);

async function probe(ctx: CheckContext, target: HostPort, signal: AbortSignal): Promise<ProbeOutcome> {
  let host = target.host;
  if (!ipVersion(host)) {
    try {
      const a = await ctx.resolve(host, "A");
      const ip = a.answers.find((r) => r.type === "A");
      if (!ip) return { kind: "unresolved", error: `${host} has no address (${a.rcode})` };
      host = String(ip.data);
    } catch (e) {
      return { kind: "unresolved", error: errorMessage(e) };
    }
  }
  let socket: Awaited<ReturnType<CheckContext["dialConfigured"]>>;
  try {
    socket = await ctx.run.deps.dial({ host, port: target.port }, signal);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const kind =
      code === "ECONNREFUSED" ? "refused" : BLOCKING.has(code) ? "timeout" : NO_ROUTE.has(code) ? "noRoute" : "other";
    return { kind, error: `${formatHostPort({ host, port: target.port })}: ${errorMessage(e)}` };
  }
  try {
    const banner = await new SmtpReader(socket, signal).line();
    if (!banner.startsWith("220")) return { kind: "other", error: `unexpected greeting: ${banner.slice(0, 100)}` };
    return { kind: "banner", banner: banner.slice(0, 200) };
  } catch (e) {
    // Connected, then nothing: an ISP's interception proxy that never lets SMTP through.
    return { kind: "timeout", error: `connected, no SMTP greeting: ${errorMessage(e)}` };
  } finally {
    socket.end("QUIT\r\n");
    socket.destroy();
  }
}

/**
 * Whether this host can open SMTP connections on port 25: the banner of any
 * configured well-known MX proves it. "Blocked" only when a probe host was
 * found and the connection was refused or timed out; a name that does not
 * resolve or an address with no route says something else about the network.
 */
export const port25OutboundCheck: Check = {
  id: "port25-outbound",
  needs: ["resolver"],
  async run(ctx) {
    if (ctx.setup.delivery.mode === "relay") return { verdict: verdict("skip", "port25.relay"), details: [] };
    // Decide before the check's own deadline: a dropped SYN must read as a timeout, not as the check failing to run.
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(Math.max(1000, ctx.config.deadlineMs - 1500))]);
    const results = await Promise.all(
      ctx.config.port25Probes.map(async (p) => ({ p, o: await probe(ctx, p, signal) })),
    );
    const details = results.map(({ p, o }) => ({
      source: formatHostPort(p),
      query: "SMTP banner",
      answer: o.kind === "banner" ? [o.banner] : undefined,
      note: o.kind === "banner" ? undefined : `${o.kind}: ${o.error}`,
      status:
        o.kind === "banner"
          ? ("pass" as const)
          : o.kind === "refused" || o.kind === "timeout"
            ? ("fail" as const)
            : ("error" as const),
    }));
    const ok = results.find((r) => r.o.kind === "banner");
    if (ok) return { verdict: verdict("pass", "port25.pass", { host: ok.p.host }), details };
    if (results.some((r) => r.o.kind === "refused" || r.o.kind === "timeout"))
      return { verdict: verdict("fail", "port25.blocked", { count: results.length }, "port25.blockedFix"), details };
    if (results.every((r) => r.o.kind === "unresolved"))
      return {
        verdict: verdict("error", "port25.unresolved", { count: results.length }, "port25.unresolvedFix"),
        details,
      };
    return { verdict: verdict("error", "port25.noRoute", { count: results.length }, "port25.noRouteFix"), details };
  },
};
