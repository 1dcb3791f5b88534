import "server-only";
import { buildDnsPlan, type DnsPlan, type DnsPlanInput } from "@/lib/dns/plan";
import { spkiSha256 } from "@/lib/dns/spki-sha256";
import { caaIssuer } from "@/lib/setup/derived";
import type { SetupDocument } from "@/lib/setup/schema";
import type { StoredSetup } from "@/lib/setup/store";
import { loadSetupFacts, type SetupFacts } from "./setup-facts";

export interface PlanOptions {
  /** The zone is DNSSEC-signed: add TLSA when a certificate exists. */
  dnssec?: boolean;
  /** The relay provider's SPF include domain. */
  relayInclude?: string;
  now?: Date;
}

/** The plan's input from what is stored: the DKIM keys, the ACME account for CAA accounturi, the valid certificate's key for TLSA. */
export function planInput(doc: SetupDocument, facts: SetupFacts, opts: PlanOptions = {}): DnsPlanInput {
  const issuer = caaIssuer(doc);
  const cert = facts.certificate && facts.certificate.notAfter > (opts.now ?? new Date()) ? facts.certificate : null;
  return {
    dkimKeys: facts.dkimKeys,
    caa: issuer ? { issuer, accountUri: facts.acmeAccountUri } : undefined,
    dnssec: opts.dnssec,
    tlsa: cert ? { spkiSha256: [spkiSha256(cert.chainPem)] } : undefined,
    relayInclude: opts.relayInclude,
  };
}

/** The setup's DNS plan with everything stored so far. Makes no key: see ensureDkimKeys. */
export async function loadDnsPlan(setup: StoredSetup, opts: PlanOptions = {}): Promise<DnsPlan> {
  return buildDnsPlan(setup.document, planInput(setup.document, await loadSetupFacts(setup), opts));
}
