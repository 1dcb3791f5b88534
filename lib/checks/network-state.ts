import "server-only";
import { formatHostPort, ipVersion } from "@/lib/net/host-port";
import type { CheckContext } from "./check-context";
import type { CheckDetail } from "./result";
import { errorMessage, errorRef } from "./verdict";

/** Whether the resolver resolves public names. */
export interface ResolverState {
  ok: boolean;
  /** What went wrong: no answer at all, or an answer that shows it does not resolve. */
  problem?: "silent" | "nxdomain" | "rcode";
  detail: CheckDetail;
}

/** Whether this machine reaches the Internet directly (the public-address echo services answer). */
export interface InternetState {
  /** null: no echo service by address is configured, nothing to tell. */
  ok: boolean | null;
  details: CheckDetail[];
}

export interface NetworkState {
  resolver: Promise<ResolverState>;
  internet: Promise<InternetState>;
}

/** The longest the preflight waits for the resolver before calling it silent. */
const RESOLVER_PROBE_MS = 5000;

/**
 * The run's preflight, before any check asks about the domain: the resolver
 * must say that the domain's top-level domain exists (SOA of the TLD: every
 * registered domain has one), and an echo service asked directly, not through
 * the resolver, must answer at all. Each half is its own promise, so a check
 * needing only the resolver does not wait for a silent echo service.
 */
export function probeNetwork(ctx: CheckContext): NetworkState {
  const tld = ctx.setup.domain.replace(/\.$/, "").split(".").pop()!;
  const resolverSource = `resolver ${formatHostPort(ctx.config.resolver)}`;
  const probeSignal = AbortSignal.any([
    ctx.run.signal,
    AbortSignal.timeout(Math.min(ctx.config.deadlineMs, RESOLVER_PROBE_MS)),
  ]);
  const resolver = ctx
    .resolveWithin(`${tld}.`, "SOA", probeSignal)
    .then((res): ResolverState => {
      const detail: CheckDetail = { source: resolverSource, query: `SOA ${tld}.`, answer: [res.rcode] };
      if (res.rcode === "NOERROR") return { ok: true, detail: { ...detail, status: "pass" } };
      return {
        ok: false,
        problem: res.rcode === "NXDOMAIN" ? "nxdomain" : "rcode",
        detail: { ...detail, status: "error" },
      };
    })
    .catch((e): ResolverState => ({
      ok: false,
      problem: "silent",
      detail: {
        source: resolverSource,
        query: `SOA ${tld}.`,
        note: errorMessage(e),
        noteRef: errorRef(e),
        status: "error",
      },
    }));
  const direct = ctx.config.echo.filter((s) => ipVersion(s.server.host));
  const internet: Promise<InternetState> = direct.length
    ? Promise.all(
        direct.map((s) =>
          ctx
            .ask(s.server, s.name, s.type, { recurse: true })
            .then((res): CheckDetail => ({
              source: formatHostPort(s.server),
              query: `${s.type} ${s.name}`,
              answer: [res.rcode],
              status: "pass",
            }))
            .catch((e): CheckDetail => ({
              source: formatHostPort(s.server),
              query: `${s.type} ${s.name}`,
              note: errorMessage(e),
              noteRef: errorRef(e),
              status: "error",
            })),
        ),
      ).then((details) => ({ ok: details.some((d) => d.status === "pass"), details }))
    : Promise.resolve({ ok: null, details: [] });
  return { resolver, internet };
}
