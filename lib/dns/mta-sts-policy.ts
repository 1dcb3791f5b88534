import { createHash } from "node:crypto";

export interface MtaStsPolicy {
  /** The policy file's text, served at https://mta-sts.DOMAIN/.well-known/mta-sts.txt */
  text: string;
  /** The id= of the _mta-sts TXT record: derived from the text, so it changes exactly when the policy does. */
  id: string;
  mode: "testing" | "enforce" | "none";
  maxAge: number;
}

/** One week in testing (cheap to change), a year once enforced (RFC 8461 §3.2 recommends weeks or longer). */
const MTA_STS_MAX_AGE = { testing: 604_800, enforce: 31_557_600, none: 86_400 } as const;

/**
 * The MTA-STS policy file (RFC 8461 §3.2): CRLF lines, version first. The id
 * is the first 20 hex digits of the SHA-256 of the text (the RFC allows
 * 1 to 32 letters and digits).
 */
export function renderMtaStsPolicy(opts: {
  mode: "testing" | "enforce" | "none";
  mx: string[];
  maxAge?: number;
}): MtaStsPolicy {
  const maxAge = opts.maxAge ?? MTA_STS_MAX_AGE[opts.mode];
  const lines = [
    "version: STSv1",
    `mode: ${opts.mode}`,
    ...opts.mx.map((m) => `mx: ${m.replace(/\.$/, "")}`),
    `max_age: ${maxAge}`,
  ];
  const text = lines.join("\r\n") + "\r\n";
  const id = createHash("sha256").update(text).digest("hex").slice(0, 20);
  return { text, id, mode: opts.mode, maxAge };
}
