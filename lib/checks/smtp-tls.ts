import "server-only";
import type net from "node:net";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { SmtpReader } from "@/lib/net/smtp-reader";
import type { CheckDetail } from "./result";
import { startTls } from "@/lib/net/tls-connect";
import { errorMessage, verdict, type Verdict } from "./verdict";

type Probe = { ok: true; note: string } | { ok: false; refused: boolean; problem: string; key: string };

const refusedCodes = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);
const failure = (key: string, problem: string, refused = false): Probe => ({ ok: false, refused, problem, key });

async function dial(ctx: CheckContext, ip: string, port: number): Promise<net.Socket | Probe> {
  try {
    return await ctx.dialOwn(ip, port);
  } catch (e) {
    return failure("smtpTls.unreachable", errorMessage(e), refusedCodes.has((e as NodeJS.ErrnoException).code ?? ""));
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
    if ((await r.reply()).code !== 220) return failure("smtpTls.banner", "no 220 greeting");
    socket.write("EHLO postwright.invalid\r\n");
    const ehlo = await r.reply();
    if (ehlo.code !== 250) return failure("smtpTls.banner", `EHLO: ${ehlo.code}`);
    if (hasAuth(ehlo.lines)) return failure("smtpTls.authBeforeTls", "AUTH offered before STARTTLS");
    if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) return failure("smtpTls.noStartTls", "STARTTLS not offered");
    socket.write("STARTTLS\r\n");
    if ((await r.reply()).code !== 220) return failure("smtpTls.noStartTls", "STARTTLS refused");
    r.detach();
    const tlsSocket = await startTls(socket, host, ctx.signal, ctx.run.deps.tlsCa).catch((e) => e as Error);
    if (tlsSocket instanceof Error) return failure("smtpTls.certificate", tlsSocket.message);
    const t = new SmtpReader(tlsSocket, ctx.signal);
    tlsSocket.write("EHLO postwright.invalid\r\n");
    const after = await t.reply();
    tlsSocket.end("QUIT\r\n");
    if (port === 587 && !hasAuth(after.lines)) return failure("smtpTls.noAuth", "AUTH not offered after STARTTLS");
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
    tlsSocket.destroy();
    const ok = port === 993 ? /^\* OK/i.test(greeting) : greeting.startsWith("220");
    return ok
      ? { ok: true, note: `TLS, ${tlsSocket.getProtocol()}` }
      : failure("smtpTls.banner", `greeting: ${greeting.slice(0, 80)}`);
  } catch (e) {
    return failure("smtpTls.broken", errorMessage(e));
  } finally {
    socket.destroy();
  }
}

/** When the server is up: STARTTLS on 25 and 587, TLS on 465 and 993, certificate valid for the hostname, AUTH never before TLS. */
export const smtpTlsCheck: Check = {
  id: "smtp-tls",
  async run(ctx) {
    const details: CheckDetail[] = [];
    const probes = ctx.ownAddresses().flatMap((ip) =>
      ([25, 587, 465, 993] as const).map(async (port) => {
        const p = port === 25 || port === 587 ? await probeStartTls(ctx, ip, port) : await probeTls(ctx, ip, port);
        details.push({
          source: `${ip}:${port}`,
          answer: p.ok ? [p.note] : undefined,
          note: p.ok ? undefined : p.problem,
          status: p.ok ? "pass" : "fail",
        });
        return { ip, port, p };
      }),
    );
    const results = await Promise.all(probes);
    if (!results.length) return { verdict: verdict("skip", "dnsbl.noAddress"), details };
    if (results.every((r) => !r.p.ok && r.p.refused))
      return { verdict: verdict("skip", "smtpTls.notRunning", { host: ctx.setup.hostname }), details };
    const bad = results.find((r) => !r.p.ok);
    if (bad && !bad.p.ok) {
      const v: Verdict = verdict(
        "fail",
        bad.p.key,
        { ip: bad.ip, port: bad.port, error: bad.p.problem },
        "smtpTls.fix",
        { port: bad.port },
      );
      return { verdict: v, details };
    }
    return { verdict: verdict("pass", "smtpTls.pass", { host: ctx.setup.hostname }), details };
  },
};
