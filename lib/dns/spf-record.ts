import ipaddr from "ipaddr.js";

export interface SpfInput {
  ipv4?: string;
  ipv6?: string;
  /** In relay mode: the relay's host name or IPv4 address. */
  relayHost?: string;
  /** The domain the relay provider documents for `include:` (e.g. "spf.brevo.com"). */
  relayInclude?: string;
}

/**
 * The domain's SPF policy: the server's own addresses, plus the relay when mail
 * leaves through one, then -all. An IP relay is named by address; a host-name
 * relay by the provider's include domain when the user gave it, otherwise by
 * `a:` (which can never break the record the way an include of a name without
 * SPF would: the plan then warns that the provider's include is better).
 */
export function spfRecord(input: SpfInput): string {
  const terms = ["v=spf1"];
  if (input.ipv4) terms.push(`ip4:${input.ipv4}`);
  if (input.ipv6) terms.push(`ip6:${input.ipv6}`);
  if (input.relayInclude) terms.push(`include:${input.relayInclude.replace(/\.$/, "")}`);
  else if (input.relayHost) {
    if (ipaddr.IPv4.isValidFourPartDecimal(input.relayHost)) {
      if (input.relayHost !== input.ipv4) terms.push(`ip4:${input.relayHost}`);
    } else terms.push(`a:${input.relayHost}`);
  }
  terms.push("-all");
  return terms.join(" ");
}

/** SPF for the mail host's own name, checked against the HELO name (RFC 7208 §2.3). */
export const SPF_HELO = "v=spf1 a -all";
