import "server-only";
import type { ExternalAccountBinding } from "@/lib/acme/account";
import type { AcmeEnv } from "@/lib/acme/acme-env";
import { certificateSummaryView, type CertificateSummaryView } from "@/lib/acme/certificate-page-data";
import { getCurrentCertificate, type CurrentCertificate } from "@/lib/acme/certificate-store";
import { explainAcmeError, type PlainError } from "@/lib/acme/ca-errors";
import type { TsigKey } from "@/lib/acme/dns-update";
import { advanceOrder } from "@/lib/acme/order-machine";
import { activeOrder, latestOrder, type OrderRecord } from "@/lib/acme/order-record";
import { orderView, type OrderView } from "@/lib/acme/order-view";
import { renewalPlan, renewIfDue } from "@/lib/acme/renewal";
import type { RenewalPlan } from "@/lib/acme/renewal-window";
import { startOrder, type StartOrderResult } from "@/lib/acme/start-order";
import { acmeContact, certificateNames, ownAddresses } from "@/lib/setup/derived";
import { directoryUrlFor, type AcmeMethod } from "@/lib/setup/options";
import { saveStep } from "@/lib/setup/save-step";
import type { StoredSetup } from "@/lib/setup/store";

/** What a person asks for, in the wizard's form or on the command line; what is left out comes from the setup. */
export interface CertificateRequest {
  /** A key of acmeDirectories or an https directory URL (default: the environment's override, else the setup's). */
  directory?: string;
  /** Default: the setup's challenge. */
  method?: AcmeMethod;
  /** The ACME account's contact (default: the setup's ACME e-mail, else the admin's). */
  email?: string;
  termsOfServiceAgreed: boolean;
  eab?: ExternalAccountBinding;
  rfc2136?: { server: string; key: TsigKey };
  /** Keep the CA, contact and method in the document (the DNS plan's CAA record then names this CA). */
  remember?: boolean;
}

/**
 * Starts (or resumes) the setup's certificate order: the names, contact and
 * addresses from the setup, the CA's terms, the preflight. Does not wait for
 * the CA: advanceOrder (or followOrder) does.
 */
export async function orderCertificate(
  setup: StoredSetup,
  req: CertificateRequest,
  env: AcmeEnv,
): Promise<StartOrderResult & { directoryUrl: string }> {
  const doc = setup.document;
  const directory = req.directory ?? env.directoryOverride ?? doc.acme.directory;
  const directoryUrl = directoryUrlFor(directory);
  const method = req.method ?? doc.acme.challenge;
  const result = await startOrder(
    {
      setupId: setup.id,
      names: certificateNames(doc),
      directoryUrl,
      email: req.email ?? acmeContact(doc),
      method,
      termsOfServiceAgreed: req.termsOfServiceAgreed,
      eab: req.eab,
      rfc2136: method === "dns-01-rfc2136" ? req.rfc2136 : undefined,
      caaIdentities: env.caaIdentities,
      expectedAddresses: ownAddresses(doc),
    },
    env,
  );
  if (req.remember && result.status !== "refused" && result.status !== "blocked") {
    const acme = { directory, email: req.email, challenge: method };
    const changed = JSON.stringify(acme) !== JSON.stringify({ ...doc.acme, email: doc.acme.email });
    // A concurrent edit of the setup wins: the order goes on, and the next order remembers again.
    if (changed) await saveStep(setup.id, "certificate", acme, setup.version);
  }
  return { ...result, directoryUrl };
}

/** The setup's newest certificate with its key (for writing it out), or null. */
export const currentCertificate = getCurrentCertificate;

/** A certificate that is not yet due for renewal, with its plan; null when one should be ordered. */
export async function currentCertificateNotDue(
  setupId: string,
  env: AcmeEnv,
): Promise<{ certificate: CurrentCertificate; plan: RenewalPlan } | null> {
  const certificate = await getCurrentCertificate(setupId);
  if (!certificate) return null;
  const plan = await renewalPlan(setupId, env);
  return plan && !plan.due ? { certificate, plan } : null;
}

export interface CertificateProgress {
  order: OrderView | null;
  certificate: CertificateSummaryView | null;
}

/**
 * Moves the setup's order under way on when it is time (DNS by hand: at most
 * every 3 s whatever the number of open pages; after a passing problem, 30 s
 * between attempts rather than hammering the CA), without waiting for it, and
 * reports where the order and the certificate are.
 */
export async function pollCertificate(setupId: string, env: AcmeEnv): Promise<CertificateProgress> {
  const active = await activeOrder(setupId);
  if (active) {
    const lastDnsCheck = active.data.lastDnsCheckAt ? Date.parse(active.data.lastDnsCheckAt) : 0;
    const backingOff = !!active.error && Date.now() - active.updatedAt.getTime() < 30_000;
    if (!backingOff && (!active.data.waitingForDns || Date.now() - lastDnsCheck > 3000))
      // advanceOrder records its own failures on the order; the page reads them on its next poll.
      void advanceOrder(active.id, env).catch((e) => console.error(`[postwright] order ${active.id}:`, e));
  }
  const order = await latestOrder(setupId);
  return { order: order ? orderView(order) : null, certificate: await certificateSummaryView(setupId, env) };
}

export type RenewNowResult =
  | { status: "no-certificate" }
  | { status: "started"; order: OrderRecord }
  | { status: "renewing" }
  | { status: "unreachable"; problem: PlainError; directoryUrl: string }
  | Extract<StartOrderResult, { status: "blocked" | "refused" }>;

/**
 * Renews now with the last method. DNS-01 by hand starts a new order the page
 * then walks through (returned, for the caller to advance); the other methods
 * renew through renewIfDue, which `renewLater` runs (e.g. after the response).
 */
export async function renewCertificateNow(
  setup: StoredSetup,
  env: AcmeEnv,
  renewLater: (renew: () => Promise<unknown>) => void,
): Promise<RenewNowResult> {
  const last = await latestOrder(setup.id);
  if (!last) return { status: "no-certificate" };
  if (last.method !== "dns-01-manual") {
    renewLater(() => renewIfDue(setup.id, env, { force: true }));
    return { status: "renewing" };
  }
  let r: StartOrderResult;
  try {
    r = await startOrder(
      {
        setupId: setup.id,
        names: certificateNames(setup.document),
        directoryUrl: last.directoryUrl,
        email: last.data.email,
        method: last.method,
        termsOfServiceAgreed: last.data.termsOfServiceAgreed,
        caaIdentities: env.caaIdentities,
      },
      env,
    );
  } catch (e) {
    return { status: "unreachable", problem: explainAcmeError(e), directoryUrl: last.directoryUrl };
  }
  return r.status === "blocked" || r.status === "refused" ? r : { status: "started", order: r.order };
}

/**
 * Advances an order until it is done, failed, or `deadline` passes, every
 * `pollMs`; `onUpdate` sees each state, and may stop the wait by returning
 * false. For the CLI, which has no page to poll.
 */
export async function followOrder(
  orderId: string,
  env: AcmeEnv,
  opts: { pollMs: number; deadline: number; onUpdate: (order: OrderRecord) => boolean | void },
): Promise<{ order: OrderRecord; outcome: "done" | "failed" | "stopped" | "timeout" }> {
  for (;;) {
    const order = await advanceOrder(orderId, env);
    if (opts.onUpdate(order) === false) return { order, outcome: "stopped" };
    if (order.state === "done" || order.state === "failed") return { order, outcome: order.state };
    if (Date.now() > opts.deadline) return { order, outcome: "timeout" };
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}
