import "server-only";
import acme from "acme-client";
import { getSecret } from "@/lib/secrets/store";
import { getCurrentCertificate, newestCertificate } from "./certificate-store";
import { advanceOrder, type AcmeDeps } from "./order-machine";
import { activeOrder, latestOrder, loadOrder, type OrderRecord } from "./order-record";
import type { PreflightDeps } from "./preflight";
import { planRenewal, type RenewalPlan } from "./renewal-window";
import { startOrder } from "./start-order";
import { trustAcmeCa } from "./trust";
import { db } from "@/lib/db";

/** The CA's ARI window for a certificate, when its directory offers renewalInfo. */
async function fetchAriWindow(directoryUrl: string, certId: string) {
  const dir = (await acme.axios.get(directoryUrl)).data as { renewalInfo?: string };
  if (!dir.renewalInfo) return null;
  const res = await acme.axios.get(`${dir.renewalInfo.replace(/\/$/, "")}/${certId}`);
  if (res.status !== 200) return null;
  const w = (res.data as { suggestedWindow?: { start: string; end: string }; explanationURL?: string }).suggestedWindow;
  return w
    ? {
        start: new Date(w.start),
        end: new Date(w.end),
        explanationUrl: (res.data as { explanationURL?: string }).explanationURL,
      }
    : null;
}

/** The renewal plan of the setup's current certificate (days left, when, why), or null without one. */
export async function renewalPlan(
  setupId: string,
  deps: { caPem?: string },
  now = new Date(),
): Promise<RenewalPlan | null> {
  const cert = await newestCertificate(setupId);
  if (!cert) return null;
  const done = await db.acmeOrder.findFirst({
    where: { setupId, state: "done" },
    orderBy: { createdAt: "desc" },
    select: { directoryUrl: true },
  });
  trustAcmeCa(deps.caPem);
  return planRenewal(cert, now, done ? (id) => fetchAriWindow(done.directoryUrl, id) : undefined);
}

export type RenewOutcome =
  | { status: "none" }
  | { status: "not-due"; plan: RenewalPlan }
  | { status: "needs-user"; plan: RenewalPlan | null; reason: string }
  | { status: "renewed" | "in-progress" | "failed"; plan: RenewalPlan | null; order: OrderRecord };

/**
 * Renews the setup's certificate when it is due (or `force`), with the method
 * and CA of the last issuance. DNS-01 by hand cannot run unattended: it is
 * reported as needing the user. Safe to call often: an order under way is
 * resumed, never duplicated.
 */
export async function renewIfDue(
  setupId: string,
  deps: AcmeDeps & PreflightDeps,
  opts: { now?: Date; force?: boolean } = {},
): Promise<RenewOutcome> {
  const now = opts.now ?? new Date();
  const plan = await renewalPlan(setupId, deps, now);
  const last = await latestOrder(setupId);
  if (!plan || !last) return { status: "none" };
  if (!plan.due && !opts.force) return { status: "not-due", plan };
  const active = await activeOrder(setupId);
  let order = active;
  if (!order) {
    const source = await db.acmeOrder.findFirst({ where: { setupId, state: "done" }, orderBy: { createdAt: "desc" } });
    const previous = source ? (await loadOrder(source.id))! : last;
    if (previous.method === "dns-01-manual")
      return {
        status: "needs-user",
        plan,
        reason: "The certificate was obtained with DNS-01 by hand: renew it on the Certificate page.",
      };
    const secret =
      previous.method === "dns-01-rfc2136"
        ? await getSecret(setupId, "tsig-secret", `acme-order:${previous.id}`)
        : null;
    const current = await getCurrentCertificate(setupId);
    const started = await startOrder(
      {
        setupId,
        names: previous.data.names,
        directoryUrl: previous.directoryUrl,
        email: previous.data.email,
        method: previous.method,
        termsOfServiceAgreed: previous.data.termsOfServiceAgreed,
        rfc2136:
          previous.data.rfc2136 && secret
            ? {
                server: previous.data.rfc2136.server,
                zone: previous.data.rfc2136.zone,
                key: {
                  name: previous.data.rfc2136.keyName,
                  algorithm: previous.data.rfc2136.algorithm as never,
                  secret,
                },
              }
            : undefined,
        replaces: current?.id,
      },
      deps,
    );
    if (started.status === "blocked")
      return {
        status: "needs-user",
        plan,
        reason: started.preflight.items
          .filter((i) => i.status === "fail")
          .map((i) => i.summary)
          .join("; "),
      };
    if (started.status === "refused") return { status: "needs-user", plan, reason: started.message };
    order = started.order;
  }
  const after = await advanceOrder(order.id, deps);
  return {
    status: after.state === "done" ? "renewed" : after.state === "failed" ? "failed" : "in-progress",
    plan,
    order: after,
  };
}
