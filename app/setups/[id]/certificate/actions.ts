"use server";
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormState } from "@/lib/forms/form-state";
import { acmeEnv } from "@/lib/acme/acme-env";
import { certificateFormSchema, type StartState } from "@/lib/acme/certificate-form";
import { certificateSummaryView, type CertificateSummaryView } from "@/lib/acme/certificate-page-data";
import { advanceOrder } from "@/lib/acme/order-machine";
import { activeOrder, latestOrder } from "@/lib/acme/order-record";
import { orderView, type OrderView } from "@/lib/acme/order-view";
import { renewIfDue } from "@/lib/acme/renewal";
import { startOrder } from "@/lib/acme/start-order";
import { acmeContact, certificateNames, ownAddresses } from "@/lib/setup/derived";
import { directoryUrlFor } from "@/lib/setup/options";
import { getSetup, markStepComplete, saveSetup } from "@/lib/setup/store";

/** Advances an order in the background (the page polls for progress) and marks the step once done. */
function advanceLater(setupId: string, orderId: string) {
  after(async () => {
    const done = await advanceOrder(orderId, acmeEnv());
    if (done.state === "done") await markStepComplete(setupId, "certificate");
  });
}

export async function startCertificate(setupId: string, _prev: StartState, form: FormData): Promise<StartState> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return { message: "noSetup" };
  const setup = await getSetup(setupId);
  if (!setup) return { message: "noSetup" };
  const values = Object.fromEntries(
    [...form.entries()].filter(
      ([k, v]) => typeof v === "string" && !k.startsWith("$") && k !== "tsigSecret" && k !== "eabHmac",
    ),
  );
  const parsed = certificateFormSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "fixErrors",
      values,
    };
  const f = parsed.data;
  const env = acmeEnv();
  const directoryUrl = f.directory === "custom" ? f.customDirectory! : directoryUrlFor(f.directory);
  try {
    const r = await startOrder(
      {
        setupId,
        names: certificateNames(setup.document),
        directoryUrl,
        email: f.email ?? acmeContact(setup.document),
        method: f.method,
        termsOfServiceAgreed: f.agreeTos,
        eab: f.eabKid && f.eabHmac ? { kid: f.eabKid, hmacKey: f.eabHmac } : undefined,
        rfc2136:
          f.method === "dns-01-rfc2136"
            ? {
                server: f.rfc2136Server!,
                key: { name: f.tsigName!, algorithm: f.tsigAlgorithm ?? "hmac-sha256", secret: f.tsigSecret! },
              }
            : undefined,
        caaIdentities: env.caaIdentities,
        expectedAddresses: ownAddresses(setup.document),
      },
      env,
    );
    if (r.status === "refused") {
      return r.reason === "terms"
        ? { errors: { agreeTos: ["agreeTos"] }, message: "termsRequired", termsUrl: r.termsOfService, values }
        : { errors: { eabKid: ["eabRequired"] }, message: "eabRequired", values };
    }
    if (r.status === "blocked")
      return { message: "blocked", blocked: r.preflight.items.filter((i) => i.status === "fail"), values };
    advanceLater(setupId, r.order.id);
    // The document remembers the CA and method, so the DNS plan's CAA record names this CA (and its account).
    const acme = {
      directory: f.directory === "custom" ? directoryUrl : f.directory,
      email: f.email,
      challenge: f.method,
    };
    if (JSON.stringify(acme) !== JSON.stringify({ ...setup.document.acme, email: setup.document.acme.email })) {
      await saveSetup({ ...setup.document, acme }, { id: setupId, expectedVersion: setup.version }).catch(
        () => undefined,
      );
    }
  } catch (e) {
    return { message: "caUnreachable", params: { detail: (e as Error).message }, values };
  }
  revalidatePath(`/setups/${setupId}/certificate`);
  return { ok: true, message: "started" };
}

export interface PollResult {
  order: OrderView | null;
  certificate: CertificateSummaryView | null;
}

/** Called every few seconds by the page while an order is under way: moves it on and reports where it is. */
export async function pollCertificate(setupId: string): Promise<PollResult> {
  await requireSession();
  if (!validStepArgs(setupId)) return { order: null, certificate: null };
  const env = acmeEnv();
  const active = await activeOrder(setupId);
  if (active) {
    // DNS by hand: look again at most every 3 s, whatever the number of open tabs.
    const last = active.data.lastDnsCheckAt ? Date.parse(active.data.lastDnsCheckAt) : 0;
    // After a passing problem (network, CA busy), wait 30 s between attempts rather than hammer the CA.
    const backingOff = !!active.error && Date.now() - active.updatedAt.getTime() < 30_000;
    if (!backingOff && (!active.data.waitingForDns || Date.now() - last > 3000)) {
      void advanceOrder(active.id, env)
        .then((o) => (o.state === "done" ? markStepComplete(setupId, "certificate") : undefined))
        .catch(() => undefined);
    }
  }
  const order = await latestOrder(setupId);
  return { order: order ? orderView(order) : null, certificate: await certificateSummaryView(setupId, env) };
}

/** Renews now with the last method; DNS-01 by hand starts a new order the page then walks through. */
export async function renewCertificate(setupId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  await requireSession();
  if (!validStepArgs(setupId, _form)) return BAD_REQUEST;
  const env = acmeEnv();
  const last = await latestOrder(setupId);
  const setup = await getSetup(setupId);
  if (!last || !setup) return { message: "noCertificate" };
  try {
    if (last.method === "dns-01-manual") {
      const r = await startOrder(
        {
          setupId,
          names: certificateNames(setup.document),
          directoryUrl: last.directoryUrl,
          email: last.data.email,
          method: last.method,
          termsOfServiceAgreed: last.data.termsOfServiceAgreed,
          caaIdentities: env.caaIdentities,
        },
        env,
      );
      if (r.status === "blocked") return { message: "blocked" };
      if (r.status === "refused") return { message: r.reason === "terms" ? "termsRequired" : "eabRequired" };
      advanceLater(setupId, r.order.id);
    } else {
      after(() => renewIfDue(setupId, env, { force: true }).then(() => undefined));
    }
  } catch (e) {
    return { message: "caUnreachable", params: { detail: (e as Error).message } };
  }
  revalidatePath(`/setups/${setupId}/certificate`);
  return { ok: true, message: "renewing" };
}
