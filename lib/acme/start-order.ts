import "server-only";
import { db } from "@/lib/db";
import { putSecret } from "@/lib/secrets/store";
import { directoryMeta, type ExternalAccountBinding } from "./account";
import type { TsigKey } from "./dns-update";
import { caaIdentitiesFor, type AcmeMethod } from "@/lib/setup/options";
import { activeOrder, createOrderRecord, saveOrder, type OrderRecord } from "./order-record";
import { trustAcmeCa } from "./trust";
import { preflight, type PreflightDeps, type PreflightResult } from "./preflight";

export interface StartOrderInput {
  setupId: string;
  names: string[];
  directoryUrl: string;
  email: string;
  method: AcmeMethod;
  termsOfServiceAgreed: boolean;
  eab?: ExternalAccountBinding;
  rfc2136?: { server: string; zone?: string; key: TsigKey };
  /** Overrides what the CA's directory says about its CAA identity. */
  caaIdentities?: string[];
  expectedAddresses?: string[];
  /** renewal: the certificate id this order replaces */
  replaces?: string;
}

export type StartOrderResult =
  | { status: "started" | "resumed"; order: OrderRecord; preflight?: PreflightResult }
  | { status: "blocked"; preflight: PreflightResult }
  | { status: "refused"; reason: "terms" | "eab"; message: string; termsOfService?: string | null };

const sameOrder = (o: OrderRecord, i: StartOrderInput) =>
  o.method === i.method && o.directoryUrl === i.directoryUrl && o.data.names.join(",") === i.names.join(",");

/**
 * Resumes the setup's order under way when it asks for the same thing;
 * otherwise checks the CA's terms, runs the preflight (CAA, names, port 80)
 * and, when nothing blocks, records a new order. Does not talk ACME beyond the
 * directory: advanceOrder does.
 */
export async function startOrder(
  input: StartOrderInput,
  deps: PreflightDeps & { caPem?: string },
): Promise<StartOrderResult> {
  trustAcmeCa(deps.caPem);
  // A private CA's certificate given explicitly: the CA (and the names it validates) may be on the LAN.
  deps = { ...deps, allowPrivateTargets: deps.allowPrivateTargets ?? !!deps.caPem };
  const active = await activeOrder(input.setupId);
  if (active && sameOrder(active, input)) return { status: "resumed", order: active };
  const meta = await directoryMeta(input.directoryUrl, deps);
  if (meta.termsOfService && !input.termsOfServiceAgreed) {
    return {
      status: "refused",
      reason: "terms",
      message: `The CA's terms of service must be accepted: ${meta.termsOfService}`,
      termsOfService: meta.termsOfService,
    };
  }
  if (meta.externalAccountRequired && !input.eab) {
    const known = await db.acmeAccount.findUnique({
      where: { directoryUrl_email: { directoryUrl: input.directoryUrl, email: input.email } },
    });
    if (!known?.accountUrl)
      return {
        status: "refused",
        reason: "eab",
        message: "This CA needs External Account Binding: a key ID and an HMAC key from your account on its website.",
      };
  }
  const account = await db.acmeAccount.findUnique({
    where: { directoryUrl_email: { directoryUrl: input.directoryUrl, email: input.email } },
  });
  const check = await preflight(
    {
      names: input.names,
      method: input.method,
      caIdentities: input.caaIdentities ?? [
        ...new Set([...meta.caaIdentities, ...caaIdentitiesFor(input.directoryUrl)]),
      ],
      accountUri: account?.accountUrl,
      expectedAddresses: input.expectedAddresses,
      rfc2136Configured: input.method === "dns-01-rfc2136",
    },
    deps,
  );
  if (!check.ok) return { status: "blocked", preflight: check };
  if (active) await saveOrder(active, { state: "failed", error: "Replaced by a new order with other settings." });
  const order = await createOrderRecord(input.setupId, input.directoryUrl, input.method, {
    names: input.names,
    email: input.email,
    termsOfServiceAgreed: input.termsOfServiceAgreed,
    eabKid: input.eab?.kid,
    replaces: input.replaces,
    rfc2136: input.rfc2136 && {
      server: input.rfc2136.server,
      zone: input.rfc2136.zone,
      keyName: input.rfc2136.key.name,
      algorithm: input.rfc2136.key.algorithm,
    },
  });
  if (input.rfc2136) await putSecret(input.setupId, "tsig-secret", `acme-order:${order.id}`, input.rfc2136.key.secret);
  if (input.eab) await putSecret(null, "acme-eab-hmac", input.directoryUrl, input.eab.hmacKey);
  return { status: "started", order, preflight: check };
}
