export const checkIds = [
  "network",
  "public-ip",
  "cgnat",
  "port25-outbound",
  "ns",
  "a",
  "aaaa",
  "mx",
  "ptr",
  "spf",
  "dkim",
  "dmarc",
  "mta-sts",
  "tls-rpt",
  "caa",
  "srv",
  "dnssec",
  "tlsa",
  "dnsbl",
  "dynamic-ip",
  "smtp-tls",
] as const;
export type CheckId = (typeof checkIds)[number];

/** The preflight checks the Network step shows (about this host, not the DNS). */
export const networkCheckIds: CheckId[] = ["network", "public-ip", "cgnat", "port25-outbound", "dnsbl", "dynamic-ip"];

export type CheckStatus = "pass" | "warn" | "fail" | "skip" | "error";

/** An i18n message: a key in messages/{en,fr}/findings.json (the "findings" namespace), and its ICU params. */
export interface MessageRef {
  key: string;
  params?: Record<string, MessageParam>;
}

/** A message's argument: a value, or another message (an error's cause, in the reader's language). */
export type MessageParam = string | number | MessageRef;

/** What was asked, of whom, and what came back. */
export interface CheckDetail {
  /** Who was asked, e.g. "ns1.example.com (192.0.2.53:53)" or "resolver 1.1.1.1:53". */
  source?: string;
  /** The question, e.g. "MX example.com". */
  query?: string;
  /** What came back (record data, banner, error). */
  answer?: string[];
  /** The verdict for this source alone. */
  status?: CheckStatus;
  /** Seconds a resolver may still serve its cached answer (propagation). */
  ttl?: number;
  /** A short English note. */
  note?: string;
  /** The note as a message (in the "findings" namespace), for the page in the reader's language. */
  noteRef?: MessageRef;
}

/** What every check returns; `I` lets another family of checks (the ACME preflight) use the same shape. */
export interface CheckResult<I extends string = CheckId> {
  id: I;
  status: CheckStatus;
  /** One English sentence (rendered from summaryRef). */
  summary: string;
  summaryRef: MessageRef;
  details: CheckDetail[];
  /** What to do, in English, when not "pass". */
  fix?: string;
  fixRef?: MessageRef;
  /** Milliseconds the check took. */
  durationMs?: number;
}

const rank: Record<CheckStatus, number> = { pass: 0, skip: 1, warn: 2, error: 3, fail: 4 };

/** The worst of several statuses (fail > error > warn > skip > pass). */
export function worstStatus(statuses: CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (rank[s] > rank[w] ? s : w), "pass");
}
