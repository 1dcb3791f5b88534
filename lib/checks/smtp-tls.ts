import "server-only";
import type net from "node:net";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { formatHostPort } from "@/lib/net/host-port";
import { SmtpReader } from "@/lib/net/smtp-reader";
import type { CheckDetail, MessageRef } from "./result";
import { startTls } from "@/lib/net/tls-connect";
import { errorMessage, verdict, type Verdict } from "./verdict";

/** How reaching a port failed, when it did: refused (RST), no route (EHOSTUNREACH…), or no answer in time. */
type Reach = "refused" | "noRoute" | "timeout";
type Probe =
  { ok: true; note: string } | { ok: false; reach?: Reach; problem: string; key: string; problemRef?: MessageRef };

const reachOf = (code: string): Reach | undefined =>
  code === "ECONNREFUSED"
    ? "refused"
    : ["EHOSTUNREACH", "ENETUNREACH", "EACCES", "EPERM"].includes(code)
      ? "noRoute"
      : code === "ETIMEDOUT"
        ? "timeout"
        : undefined;
const reachNote: Record<Reach, string> = {
  refused: "errors.refused",
  noRoute: "errors.noRoute",
  timeout: "errors.timeoutShort",
};
/** A port's problem; its note in the reader's language when it is one of the fixed ones (errors.smtp.*). */
const failure = (key: string, problem: string, reach?: Reach, problemRef?: MessageRef): Probe => ({
  ok: false,
  reach,
  problem,
  key,
  problemRef: problemRef ?? (reach ? { key: reachNote[reach] } : undefined),
});
const fixed = (key: string, problem: string, note: string) =>
  failure(key, problem, undefined, { key: `errors.smtp.${note}` });

async function dial(ctx: CheckContext, ip: string, port: number): Promise<net.Socket | Probe> {
  try {
    // Give up on the connection before the check's deadline: a dropped SYN is a finding, not a check that could not run.
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(Math.max(1000, ctx.config.deadlineMs - 1500))]);
    return await ctx.dialOwn(ip, port, signal);
  } catch (e) {
    const reach = reachOf((e as NodeJS.ErrnoException).code ?? "");
    return failure(reach ? `smtpTls.${reach}Port` : "smtpTls.unreachable", errorMessage(e), reach);
  }
}

const hasAuth = (lines: string[]) => lines.some((l) => /^AUTH\b/i.test(l));

/** STARTTLS on 25 or 587: no AUTH before TLS, a certificate valid for the hostname, AUTH after TLS on 587. */
async function probeStartTls(ctx: CheckContext, ip: string, port: number): Promise<Probe> {
  const socket = await dial(ctx, ip, port);
  if (!("write" in socket)) return socket;
  const host = ctx.setup.hostname;
  try {
    const r = new SmtpReader(socket, ctx.signal);
    if ((await r.reply()).code !== 220) return fixed("smtpTls.banner", "no 220 greeting", "noGreeting");
    socket.write("EHLO postwright.invalid\r\n");
    const ehlo = await r.reply();
    if (ehlo.code !== 250) return failure("smtpTls.banner", `EHLO: ${ehlo.code}`);
    if (hasAuth(ehlo.lines)) return fixed("smtpTls.authBeforeTls", "AUTH offered before STARTTLS", "authBeforeTls");
    if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l)))
      return fixed("smtpTls.noStartTls", "STARTTLS not offered", "noStartTls");
    socket.write("STARTTLS\r\n");
    if ((await r.reply()).code !== 220) return fixed("smtpTls.noStartTls", "STARTTLS refused", "startTlsRefused");
    r.detach();
    const tlsSocket = await startTls(socket, host, ctx.signal, ctx.run.deps.tlsCa).catch((e) => e as Error);
    if (tlsSocket instanceof Error) return failure("smtpTls.certificate", tlsSocket.message);
    const t = new SmtpReader(tlsSocket, ctx.signal);
    tlsSocket.write("EHLO postwright.invalid\r\n");
    const after = await t.reply();
    tlsSocket.end("QUIT\r\n");
    if (port === 587 && !hasAuth(after.lines))
      return fixed("smtpTls.noAuth", "AUTH not offered after STARTTLS", "noAuth");
    return { ok: true, note: `STARTTLS, ${tlsSocket.getProtocol()}` };
  } catch (e) {
    return failure("smtpTls.broken", errorMessage(e));
  } finally {
    socket.destroy();
  }
}

/** Implicit TLS on 465 (SMTP) or 993 (IMAP): a valid certificate and a greeting. */
async function probeTls(ctx: CheckContext, ip: string, port: number): Promise<Probe> {
  const socket = await dial(ctx, ip, port);
  if (!("write" in socket)) return socket;
  try {
    const tlsSocket = await startTls(socket, ctx.setup.hostname, ctx.signal, ctx.run.deps.tlsCa).catch(
      (e) => e as Error,
    );
    if (tlsSocket instanceof Error) return failure("smtpTls.certificate", tlsSocket.message);
    const greeting = await new SmtpReader(tlsSocket, ctx.signal).line();
    const protocol = tlsSocket.getProtocol();
    tlsSocket.destroy();
    const ok = port === 993 ? /^\* OK/i.test(greeting) : greeting.startsWith("220");
    return ok
      ? { ok: true, note: `TLS, ${protocol}` }
      : failure("smtpTls.banner", `greeting: ${greeting.slice(0, 80)}`);
  } catch (e) {
    return failure("smtpTls.broken", errorMessage(e));
  } finally {
    socket.destroy();
  }
}

/** The words for all ports failing the same way. */
const allKeys: Record<Reach, string> = {
  refused: "smtpTls.refused",
  noRoute: "smtpTls.noRoute",
  timeout: "smtpTls.timeout",
};

/**
 * The mail server, as senders and mail clients reach it: STARTTLS on 25 and
 * 587, TLS on 465 and 993, a certificate valid for the hostname, AUTH never
 * before TLS. A server nobody can reach fails (no mail can arrive); only when
 * the user has said it is not installed yet, and nothing answers, is the check
 * skipped, and says so. A server that answers is judged either way.
 */
export const smtpTlsCheck: Check = {
  id: "smtp-tls",
  needs: ["online"],
  async run(ctx) {
    const host = ctx.setup.hostname;
    const details: CheckDetail[] = [];
    const probes = ctx.ownAddresses().flatMap((ip) =>
      ([25, 587, 465, 993] as const).map(async (port) => {
        const p = port === 25 || port === 587 ? await probeStartTls(ctx, ip, port) : await probeTls(ctx, ip, port);
        details.push({
          source: formatHostPort({ host: ip, port }),
          answer: p.ok ? [p.note] : undefined,
          note: p.ok ? undefined : p.problem,
          noteRef: p.ok ? undefined : p.problemRef,
          status: p.ok ? "pass" : "fail",
        });
        return { ip, port, p };
      }),
    );
    const results = await Promise.all(probes);
    if (!results.length) return { verdict: verdict("skip", "dnsbl.noAddress"), details };
    const reaches = new Set(results.map((r) => (r.p.ok ? "ok" : (r.p.reach ?? "other"))));
    if (reaches.size === 1 && !reaches.has("ok") && !reaches.has("other")) {
      // Said not installed yet, and nothing answers: that is expected, not a fault. Once it answers, it is judged.
      if (ctx.input.serverInstalled === false)
        return { verdict: verdict("skip", "smtpTls.notInstalled", { host }), details };
      const reach = [...reaches][0] as Reach;
      return { verdict: verdict("fail", allKeys[reach], { host }, "smtpTls.unreachableFix", { host }), details };
    }
    const bad = results.find((r) => !r.p.ok);
    if (bad && !bad.p.ok) {
      const v: Verdict = verdict(
        "fail",
        bad.p.key,
        {
          ip: bad.ip,
          port: bad.port,
          endpoint: formatHostPort({ host: bad.ip, port: bad.port }),
          error: bad.p.problem,
        },
        bad.p.reach ? "smtpTls.unreachableFix" : "smtpTls.fix",
        { port: bad.port, host },
      );
      return { verdict: v, details };
    }
    return { verdict: verdict("pass", "smtpTls.pass", { host }), details };
  },
};
