import "server-only";
import type { Check } from "./check";
import type { CheckContext } from "./check-context";
import { checkEverywhere } from "./propagation";
import { parseTags, txtStrings } from "./records";
import type { CheckDetail } from "./result";
import { readAll, startTls } from "@/lib/net/tls-connect";
import { errorMessage, errorRef, type Verdict, verdict } from "./verdict";

/** The id the plan publishes (derived from the policy text), when the plan was given. */
function plannedId(ctx: CheckContext): string | undefined {
  const r = ctx.input.plannedRecords?.find((p) => p.type === "TXT" && p.name === `_mta-sts.${ctx.setup.domain}`);
  return r ? parseTags(r.value).get("id") : undefined;
}

export function parsePolicy(text: string): { version?: string; mode?: string; mx: string[]; maxAge?: number } {
  const out: { version?: string; mode?: string; mx: string[]; maxAge?: number } = { mx: [] };
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z_]+):\s*(.*?)\s*$/i.exec(line);
    if (!m) continue;
    const [, k, v] = m;
    if (k === "version") out.version = v;
    else if (k === "mode") out.mode = v;
    else if (k === "mx") out.mx.push(v.toLowerCase());
    else if (k === "max_age") out.maxAge = Number(v);
  }
  return out;
}

function mxMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*."))
    return host.endsWith(pattern.slice(1)) && !host.slice(0, -pattern.length + 1).includes(".");
  return pattern === host;
}

/** The body of an HTTP/1.1 chunked transfer. */
export function dechunk(raw: string): string {
  let out = "";
  let rest = raw;
  for (;;) {
    const nl = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, nl), 16);
    if (nl < 0 || !Number.isFinite(size) || size === 0) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}

/** Fetches https://mta-sts.DOMAIN/.well-known/mta-sts.txt, only from the setup's own address. */
async function fetchPolicy(ctx: CheckContext, details: CheckDetail[]): Promise<Verdict | { text: string }> {
  const host = `mta-sts.${ctx.setup.domain}`;
  const [a, aaaa] = await Promise.all([ctx.resolve(host, "A"), ctx.resolve(host, "AAAA")]);
  const addrs = [...a.answers, ...aaaa.answers]
    .filter((r) => r.type === "A" || r.type === "AAAA")
    .map((r) => String(r.data));
  details.push({ query: `A/AAAA ${host}`, answer: addrs.length ? addrs : [a.rcode] });
  if (!addrs.length)
    return verdict("fail", "mtaSts.noHost", { host }, "mtaSts.noHostFix", { host, hostname: ctx.setup.hostname });
  const own = addrs.find((ip) => ctx.ownAddresses().includes(ip));
  if (!own)
    return verdict("warn", "mtaSts.elsewhere", { host, found: addrs.join(", ") }, "mtaSts.noHostFix", {
      host,
      hostname: ctx.setup.hostname,
    });
  try {
    const socket = await ctx.dialOwn(own, 443);
    const s = await startTls(socket, host, ctx.signal, ctx.run.deps.tlsCa);
    s.write(
      `GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: postwright\r\nConnection: close\r\n\r\n`,
    );
    const raw = await readAll(s, ctx.signal);
    const [head, ...body] = raw.split("\r\n\r\n");
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
    details.push({
      source: `https://${host} (${own})`,
      query: "GET /.well-known/mta-sts.txt",
      answer: [head.split("\r\n")[0] ?? ""],
    });
    // RFC 8461 §3.3: senders follow no redirect, and take the policy only as text/plain.
    if (status !== "200")
      return verdict("fail", "mtaSts.http", { host, status: status ?? "?" }, "mtaSts.serveFix", { host });
    const contentType = /\r\ncontent-type:[ \t]*([^;\r\n]*)/i.exec(head)?.[1].trim().toLowerCase() ?? "";
    if (contentType !== "text/plain")
      return verdict("fail", "mtaSts.contentType", { host, found: contentType || "none" }, "mtaSts.contentTypeFix", {
        host,
      });
    const text = body.join("\r\n\r\n");
    return { text: /\r\ntransfer-encoding:\s*chunked/i.test(head) ? dechunk(text) : text };
  } catch (e) {
    details.push({ source: `https://${host} (${own})`, note: errorMessage(e), noteRef: errorRef(e), status: "fail" });
    return verdict("fail", "mtaSts.fetch", { host, error: errorRef(e) }, "mtaSts.serveFix", { host });
  }
}

/** The _mta-sts TXT is there with the planned id, and the policy is served over HTTPS, matching the setup. */
export const mtaStsCheck: Check = {
  id: "mta-sts",
  needs: ["nameservers"],
  async run(ctx) {
    const { domain, hostname } = ctx.setup;
    const mode = ctx.setup.mtaSts.mode;
    if (mode === "none") return { verdict: verdict("skip", "mtaSts.off"), details: [] };
    const expectedId = plannedId(ctx);
    const out = await checkEverywhere(ctx, `_mta-sts.${domain}`, "TXT", (_records, res) => {
      const sts = txtStrings(res).filter((t) => /^v=STSv1\s*(;|$)/i.test(t.trim()));
      if (!sts.length) return verdict("fail", "mtaSts.missing", { domain }, "mtaSts.fix", { domain });
      if (sts.length > 1) return verdict("fail", "mtaSts.multiple", { domain }, "mtaSts.fix", { domain });
      const id = parseTags(sts[0]).get("id");
      if (!id || !/^[A-Za-z0-9]{1,32}$/.test(id))
        return verdict("fail", "mtaSts.syntax", { domain }, "mtaSts.fix", { domain });
      if (expectedId && id !== expectedId)
        return verdict("fail", "mtaSts.idMismatch", { found: id, expected: expectedId }, "mtaSts.fix", { domain });
      return verdict("pass", "mtaSts.pass", { domain, mode });
    });
    if (out.verdict.status === "fail" || out.verdict.status === "error") return out;
    const fetched = await fetchPolicy(ctx, out.details);
    if (!("text" in fetched)) return { verdict: fetched, details: out.details };
    const policy = parsePolicy(fetched.text);
    if (policy.version !== "STSv1" || !policy.mode || !policy.maxAge)
      return {
        verdict: verdict("fail", "mtaSts.policySyntax", { domain }, "mtaSts.serveFix", { host: `mta-sts.${domain}` }),
        details: out.details,
      };
    if (policy.mode !== mode)
      return {
        verdict: verdict("fail", "mtaSts.policyMode", { found: policy.mode, expected: mode }, "mtaSts.serveFix", {
          host: `mta-sts.${domain}`,
        }),
        details: out.details,
      };
    if (!policy.mx.some((p) => mxMatches(p, hostname)))
      return {
        verdict: verdict("fail", "mtaSts.policyMx", { hostname }, "mtaSts.serveFix", { host: `mta-sts.${domain}` }),
        details: out.details,
      };
    return out;
  },
};
