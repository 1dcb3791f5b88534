import "server-only";
import net from "node:net";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import type { HostPort } from "@/lib/net/host-port";
import { SmtpReader } from "@/lib/net/smtp-reader";
import { errorMessage, verdict } from "./verdict";

async function readBanner(ctx: CheckContext, probe: HostPort): Promise<string> {
  let host = probe.host;
  if (!net.isIP(host)) {
    const a = await ctx.resolve(host, "A");
    const ip = a.answers.find((r) => r.type === "A");
    if (!ip) throw new Error(`${host} has no address (${a.rcode})`);
    host = String(ip.data);
  }
  const socket = await ctx.dialConfigured({ host, port: probe.port });
  try {
    const banner = await new SmtpReader(socket, ctx.signal).line();
    if (!banner.startsWith("220")) throw new Error(`unexpected greeting: ${banner.slice(0, 100)}`);
    return banner.slice(0, 200);
  } finally {
    socket.end("QUIT\r\n");
    socket.destroy();
  }
}

/** Whether this host can open SMTP connections on port 25: the banner of any configured well-known MX proves it. */
export const port25OutboundCheck: Check = {
  id: "port25-outbound",
  async run(ctx) {
    if (ctx.setup.delivery.mode === "relay") return { verdict: verdict("skip", "port25.relay"), details: [] };
    const results = await Promise.all(
      ctx.config.port25Probes.map(async (p) => {
        try {
          return { p, banner: await readBanner(ctx, p) };
        } catch (e) {
          return { p, error: errorMessage(e) };
        }
      }),
    );
    const details = results.map((r) => ({
      source: `${r.p.host}:${r.p.port}`,
      query: "SMTP banner",
      answer: r.banner ? [r.banner] : undefined,
      note: r.error,
      status: r.banner ? ("pass" as const) : ("fail" as const),
    }));
    const ok = results.find((r) => r.banner);
    if (ok) return { verdict: verdict("pass", "port25.pass", { host: ok.p.host }), details };
    return { verdict: verdict("fail", "port25.blocked", { count: results.length }, "port25.blockedFix"), details };
  },
};
