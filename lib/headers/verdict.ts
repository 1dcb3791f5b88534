import en from "@/messages/en/headers.json";

export type Mechanism = "spf" | "dkim" | "dmarc" | "arc" | "spam";
export type AuthStatus = "pass" | "fail" | "softfail" | "neutral" | "none" | "temperror" | "permerror";

/** Wizard steps a fix can send the user to (ids of lib/setup/steps). */
export type FixStep = "network" | "domain" | "dns" | "checks" | "mail";

/** An i18n message under "messages" in messages/{en,fr}/headers.json. */
export interface HeaderMessage {
  key: string;
  params: Record<string, string | number>;
  /** The wizard step where the record or setting to change lives. */
  step?: FixStep;
}

export interface HeaderVerdict {
  mechanism: Mechanism;
  /** "receiver": what the receiving server wrote; "postwright": verified here, against live DNS. */
  source: "receiver" | "postwright";
  status: AuthStatus;
  reason: HeaderMessage;
  fix?: HeaderMessage;
}

export interface HeaderReport {
  /** "Gmail", "Outlook / Microsoft 365", "Yahoo", "Fastmail", or the receiver's own name. */
  receiver: string;
  from: string;
  fromDomain: string;
  envelopeFrom?: string;
  sendingIp?: string;
  helo?: string;
  signatures: { domain: string; selector: string; result: AuthStatus; comment: string; aligned: boolean }[];
  verdicts: HeaderVerdict[];
  /** The receiver's DMARC verdict when it wrote one, else Postwright's. */
  dmarcPassed: boolean;
}

export function ref(key: string, params: Record<string, string | number> = {}, step?: FixStep): HeaderMessage {
  return { key, params, ...(step ? { step } : {}) };
}

/** The English text of a message (the CLI's and the JSON's language). */
export function renderHeaderMessage(m: HeaderMessage): string {
  let node: unknown = (en as { messages: unknown }).messages;
  for (const part of m.key.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== "string") return m.key;
  return node.replace(/\{(\w+)\}/g, (all, name: string) => (name in m.params ? String(m.params[name]) : all)).trim();
}

/** The JSON the CLI prints: one entry per verdict, exactly { mechanism, source, status, reason, fix? }. */
export function headerReportJson(r: HeaderReport) {
  return {
    receiver: r.receiver,
    from: r.from,
    envelopeFrom: r.envelopeFrom ?? null,
    sendingIp: r.sendingIp ?? null,
    dmarcPassed: r.dmarcPassed,
    verdicts: r.verdicts.map((v) => ({
      mechanism: v.mechanism,
      source: v.source,
      status: v.status,
      reason: renderHeaderMessage(v.reason),
      ...(v.fix && v.status !== "pass" ? { fix: renderHeaderMessage(v.fix) } : {}),
    })),
  };
}
