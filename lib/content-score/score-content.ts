import "server-only";
import { execFile } from "node:child_process";
import { defaultScorerConfig, type ScorerConfig } from "./scorer-config";

export { defaultScorerConfig, scorerConfigFromEnv, type ScorerConfig } from "./scorer-config";

export interface FiredRule {
  name: string;
  score: number;
  /** The scorer's own plain-words description of the rule, when it has one. */
  description: string;
}

export interface ContentScore {
  scorer: "rspamd" | "spamassassin" | "none";
  score?: number;
  threshold?: number;
  /** clean: well below the threshold; suspicious: a receiver may file it as junk; spam: over the threshold. */
  verdict?: "clean" | "suspicious" | "spam";
  rules: FiredRule[];
  /** Why no scorer answered (each one tried, in order). */
  tried: string[];
}

const byWeight = (a: FiredRule, b: FiredRule) => Math.abs(b.score) - Math.abs(a.score) || a.name.localeCompare(b.name);

function verdictOf(score: number, threshold: number): ContentScore["verdict"] {
  if (score >= threshold) return "spam";
  return score >= threshold / 3 ? "suspicious" : "clean";
}

async function rspamd(message: Buffer, c: ScorerConfig): Promise<ContentScore> {
  const res = await fetch(`${c.rspamdUrl}/checkv2`, {
    method: "POST",
    body: new Uint8Array(message),
    signal: AbortSignal.timeout(c.timeoutMs),
  });
  if (!res.ok) throw new Error(`rspamd answered ${res.status}`);
  const body = (await res.json()) as {
    score?: number;
    required_score?: number;
    action?: string;
    symbols?: Record<string, { name: string; score?: number; description?: string; options?: string[] }>;
  };
  if (typeof body.score !== "number") throw new Error("rspamd's answer has no score");
  const threshold = body.required_score ?? 15;
  const rules = Object.values(body.symbols ?? {})
    .filter((s) => (s.score ?? 0) !== 0 || s.description)
    .map((s) => ({
      name: s.name,
      score: s.score ?? 0,
      description: [s.description, s.options?.length ? `(${s.options.join(", ")})` : ""].filter(Boolean).join(" "),
    }))
    .sort(byWeight);
  // rspamd's own action is the verdict a box running it would act on.
  const verdict =
    body.action === "reject"
      ? "spam"
      : body.action === "no action"
        ? verdictOf(body.score, threshold)
        : body.action
          ? "suspicious"
          : verdictOf(body.score, threshold);
  return { scorer: "rspamd", score: body.score, threshold, verdict, rules, tried: [] };
}

function run(cmd: string, args: string[], input: Buffer, timeoutMs: number): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => {
      const code = (err as { code?: unknown } | null)?.code;
      if (err && typeof code !== "number") return reject(err);
      resolve({ code: typeof code === "number" ? code : 0, stdout: String(stdout) });
    });
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });
}

/**
 * SpamAssassin's report table (spamc -R, spamassassin -t):
 *  pts rule name              description
 * ---- ---------------------- --------------------------------------------------
 *  1.4 MISSING_DATE           Missing Date: header
 */
export function parseSpamAssassinReport(text: string): { score?: number; threshold?: number; rules: FiredRule[] } {
  const head = /^\s*(-?[\d.]+)\/(-?[\d.]+)\s*$/m.exec(text) ?? /\((-?[\d.]+) points?, (-?[\d.]+) required\)/.exec(text);
  const rules: FiredRule[] = [];
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^-{3,}\s+-{3,}/.test(l));
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s+(\S+)\s+(.*)$/.exec(line);
      if (m) rules.push({ name: m[2], score: Number(m[1]), description: m[3].trim() });
      else if (/^\s{4,}\S/.test(line) && rules.length) rules[rules.length - 1].description += ` ${line.trim()}`;
      else if (!line.trim()) break;
    }
  }
  return {
    score: head ? Number(head[1]) : undefined,
    threshold: head ? Number(head[2]) : undefined,
    rules: rules.sort(byWeight),
  };
}

async function spamassassin(message: Buffer, c: ScorerConfig): Promise<ContentScore> {
  const fromSa = (out: string): ContentScore => {
    const r = parseSpamAssassinReport(out);
    if (r.score === undefined || r.threshold === undefined) throw new Error("no score in SpamAssassin's report");
    return { scorer: "spamassassin", ...r, verdict: verdictOf(r.score, r.threshold), tried: [] };
  };
  // spamc -x: no "0/0" on a connection failure, an exit status instead.
  try {
    const r = await run(c.spamc, ["-R", "-x", "-d", c.spamd.host, "-p", String(c.spamd.port)], message, c.timeoutMs);
    if (r.code === 0) return fromSa(r.stdout);
  } catch {
    // spamc is not installed: try the spamassassin program itself.
  }
  const r = await run(c.spamassassin, ["-t", "-L"], message, c.timeoutMs);
  return fromSa(r.stdout);
}

/** Scores a message's content with rspamd when the box runs it, else SpamAssassin when present. */
export async function scoreContent(message: Buffer, config: ScorerConfig = defaultScorerConfig): Promise<ContentScore> {
  const tried: string[] = [];
  try {
    return await rspamd(message, config);
  } catch (e) {
    tried.push(
      `rspamd at ${config.rspamdUrl}: ${(e as Error).cause ? String(((e as Error).cause as Error).message ?? (e as Error).cause) : (e as Error).message}`,
    );
  }
  try {
    return await spamassassin(message, config);
  } catch (e) {
    tried.push(
      `SpamAssassin (${config.spamc} to ${config.spamd.host}:${config.spamd.port}, then ${config.spamassassin}): ${(e as Error).message}`,
    );
  }
  return { scorer: "none", rules: [], tried };
}
