import { findRelayPreset } from "./presets";

export interface RelayForAlignment {
  host: string;
  preset?: string;
  spfInclude?: string;
  providerDkim?: unknown[];
}

/**
 * What DMARC can rest on in relay mode (i18n keys under relay.alignment):
 * SPF aligns only when the relay keeps the user's domain as envelope sender
 * and the domain's record covers the relay; DKIM aligns through the server's
 * own signature (made before the relay) and, when published, the provider's.
 */
export function relayAlignment(r: RelayForAlignment): { spf: string; dkim: string } {
  const preset = r.preset ? findRelayPreset(r.preset) : undefined;
  let spf: string;
  if (preset?.envelope === "provider") spf = "spfProviderDomain";
  else if (r.spfInclude) spf = preset ? "spfAligns" : "spfAlignsIfEnvelopeKept";
  else if (/^[\d.]+$/.test(r.host)) spf = "spfIpOnly";
  else spf = "spfHostOnly";
  const dkim = r.providerDkim?.length ? "dkimOwnAndProvider" : "dkimOwn";
  return { spf, dkim };
}
