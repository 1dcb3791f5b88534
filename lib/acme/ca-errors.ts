/** A CA or challenge failure, said for a person, with what to do next. */
export interface PlainError {
  /** ACME problem type without the urn prefix, or a local kind ("network", "dns-update", …) */
  kind: string;
  message: string;
  advice: string;
  /** The CA's own words, kept for the curious. */
  detail: string;
}

const anyOf = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join("|"), "i");

// acme-client 5 ends a request that never got a response with "Cannot read properties of undefined (reading 'config')".
const NETWORK = anyOf(
  /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|ECONNABORTED|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/,
  /socket hang up|self[- ]signed|unable to verify the first certificate|UNABLE_TO_GET_ISSUER|CERT_HAS_EXPIRED/,
  /reading 'config'|timeout of \d+ms exceeded|not an ACME directory|did not answer with an ACME directory/,
);

const ADVICE: Array<[RegExp, string, string, string]> = [
  // Our own connection to the CA first: its codes never appear in a CA's problem document.
  [
    NETWORK,
    "network",
    "This machine could not talk to the CA.",
    "Check the Internet connection and the directory URL; " +
      "a company proxy or a wrong date on this machine can also cause it.",
  ],
  [
    /rateLimited|too many/i,
    "rateLimited",
    "The CA has refused because too many certificates or orders were requested recently.",
    "Wait (the CA says how long in its message) and try again; use the staging directory while testing.",
  ],
  [
    /\bcaa\b/i,
    "caa",
    "A CAA record of the domain forbids this CA to issue.",
    'Add a CAA record "0 issue" naming this CA (see the DNS step), wait for it to appear, then start again.',
  ],
  [
    anyOf(
      /incorrectResponse|unauthorized|Incorrect TXT|key authorization/,
      /no TXT record|did not match|Correct value not found/,
    ),
    "unauthorized",
    "The CA looked for the challenge answer and did not find the right one.",
    "For DNS-01, check the _acme-challenge TXT record holds exactly the value shown; " +
      "for HTTP-01, check that port 80 of this name reaches this machine. Then start a new order.",
  ],
  [
    /\bdns\b|NXDOMAIN|SERVFAIL|no such host|lookup/i,
    "dns",
    "The CA could not look the name up in DNS.",
    "Check that the domain's nameservers answer for this name (the DNS and Checks steps show it), then try again.",
  ],
  [
    /connection|timeout|refused|connect:/i,
    "connection",
    "The CA could not connect to this machine to check the challenge.",
    "Forward port 80 from the router to this machine, or choose a DNS-01 method, which needs no open port.",
  ],
  [
    /rejectedIdentifier|policy forbids|not allowed|blocked/i,
    "rejectedIdentifier",
    "The CA will not issue certificates for this name.",
    "Check the spelling of the mail hostname; some CAs refuse certain names or domains.",
  ],
  [
    /externalAccountRequired|external account/i,
    "externalAccountRequired",
    "This CA needs an External Account Binding (a key ID and HMAC key from your account on its website).",
    "Copy the EAB key ID and HMAC key from the CA's dashboard (ZeroSSL: Developer section) and enter them.",
  ],
  [
    /userActionRequired|terms of service|agreement/i,
    "userActionRequired",
    "The CA needs you to accept its (new) terms of service.",
    "Read the terms linked on this page, accept them, and try again.",
  ],
  [
    /invalidContact|unsupportedContact|contact/i,
    "invalidContact",
    "The CA refused the contact e-mail address.",
    "Use an e-mail address at a domain that exists and accepts mail (not example.com).",
  ],
  [
    /badCSR|\bcsr\b/i,
    "badCSR",
    "The CA refused the certificate request.",
    "Start a new order; if it happens again, report it with the detail below.",
  ],
  [
    /serverInternal|status code 5\d\d|\b50[0234] /i,
    "serverInternal",
    "The CA had an internal problem.",
    "Try again in a few minutes; the order is kept and resumes where it stopped.",
  ],
];

/** Turns any error from acme-client, the DNS or the network into plain words. */
export function explainAcmeError(e: unknown): PlainError {
  const detail = e instanceof Error ? e.message : typeof e === "object" && e ? JSON.stringify(e) : String(e);
  for (const [pattern, kind, message, advice] of ADVICE) {
    if (pattern.test(detail)) return { kind, message, advice, detail };
  }
  return {
    kind: "unknown",
    message: "The certificate could not be obtained.",
    advice: "Read the CA's message below; fix what it names and try again.",
    detail,
  };
}

/** Explains a challenge's error object (RFC 8555 problem document): by its type first, then by its words. */
export function explainProblem(problem: { type?: string; detail?: string } | undefined): PlainError {
  const type = problem?.type?.replace(/^urn:ietf:params:acme:error:/, "") ?? "";
  const text = `${problem?.type ?? ""} ${problem?.detail ?? ""}`.trim() || "the challenge failed without a reason";
  const byType = ADVICE.find(([, kind]) => kind === (type === "incorrectResponse" ? "unauthorized" : type));
  if (byType) return { kind: byType[1], message: byType[2], advice: byType[3], detail: text };
  return explainAcmeError(new Error(text));
}
