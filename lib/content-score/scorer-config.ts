/** Where the content scorers are (no I/O here: lib/env checks these at start-up). */
export interface ScorerConfig {
  /** rspamd's controller (the bundle runs it on 127.0.0.1:11334). */
  rspamdUrl: string;
  /** spamd for spamc, HOST:PORT. */
  spamd: { host: string; port: number };
  /** Programs to try, in order, when rspamd does not answer. */
  spamc: string;
  spamassassin: string;
  timeoutMs: number;
}

export const defaultScorerConfig: ScorerConfig = {
  rspamdUrl: "http://127.0.0.1:11334",
  spamd: { host: "127.0.0.1", port: 783 },
  spamc: "spamc",
  spamassassin: "spamassassin",
  timeoutMs: 20_000,
};

/** POSTWRIGHT_RSPAMD_URL, POSTWRIGHT_SPAMD (HOST:PORT) over the defaults; a bad value throws, naming the variable. */
export function scorerConfigFromEnv(env: Record<string, string | undefined> = process.env): ScorerConfig {
  const c: ScorerConfig = { ...defaultScorerConfig, spamd: { ...defaultScorerConfig.spamd } };
  if (env.POSTWRIGHT_RSPAMD_URL) {
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(env.POSTWRIGHT_RSPAMD_URL))
      throw new Error(`POSTWRIGHT_RSPAMD_URL: not an http URL: ${JSON.stringify(env.POSTWRIGHT_RSPAMD_URL)}`);
    c.rspamdUrl = env.POSTWRIGHT_RSPAMD_URL.replace(/\/$/, "");
  }
  if (env.POSTWRIGHT_SPAMD) {
    const m = /^([^\s:]+):(\d{1,5})$/.exec(env.POSTWRIGHT_SPAMD);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
      throw new Error(`POSTWRIGHT_SPAMD: expected HOST:PORT, got ${JSON.stringify(env.POSTWRIGHT_SPAMD)}`);
    c.spamd = { host: m[1], port: Number(m[2]) };
  }
  return c;
}
