import "server-only";
import type { CheckContext } from "./check-context";
import type { EchoService } from "./config";
import { formatHostPort, ipVersion } from "@/lib/net/host-port";
import type { CheckDetail } from "./result";
import { errorMessage } from "./verdict";

export interface EchoAnswer {
  service: EchoService;
  family: 4 | 6;
  address?: string;
  error?: string;
}

const familyOf = (s: EchoService): 4 | 6 | 0 => (s.type === "A" ? 4 : s.type === "AAAA" ? 6 : 0);

/** This host's public addresses as the configured echo services see them (cached per run). */
export async function askEchoServices(ctx: CheckContext): Promise<EchoAnswer[]> {
  const wanted = new Set<number>([ctx.setup.ipv4 ? 4 : 0, ctx.setup.ipv6 ? 6 : 0].filter(Boolean));
  const services = ctx.config.echo.filter((s) => familyOf(s) === 0 || wanted.has(familyOf(s)));
  return Promise.all(
    services.map(async (service): Promise<EchoAnswer> => {
      let family = familyOf(service) as 4 | 6;
      try {
        let server = service.server;
        if (!ipVersion(server.host)) {
          const a = await ctx.resolve(server.host, "A");
          const ip = a.answers.find((r) => r.type === "A");
          if (!ip) throw new Error(`${server.host} has no address`);
          server = { host: String(ip.data), port: server.port };
        }
        const res = await ctx.ask(server, service.name, service.type, { recurse: true });
        const values = res.answers
          .filter((r) => r.type === service.type)
          .map((r) =>
            service.type === "TXT" ? (r.data as Buffer[]).map((b) => b.toString()).join("") : String(r.data),
          )
          .map((v) =>
            v
              .replace(/^edns0-client-subnet\s+/, "")
              .split("/")[0]
              .trim(),
          )
          .filter((v) => ipVersion(v));
        if (!values.length) throw new Error(`no address in the answer (${res.rcode})`);
        family = ipVersion(values[0]) as 4 | 6;
        return { service, family, address: values[0] };
      } catch (e) {
        return { service, family: family || 4, error: errorMessage(e) };
      }
    }),
  );
}

export function echoDetails(answers: EchoAnswer[]): CheckDetail[] {
  return answers.map((a) => ({
    source: `${formatHostPort(a.service.server)}`,
    query: `${a.service.type} ${a.service.name}`,
    answer: a.address ? [a.address] : undefined,
    note: a.error,
    status: a.address ? "pass" : "error",
  }));
}
