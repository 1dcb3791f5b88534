"use server";
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { acmeEnv } from "@/lib/acme/acme-env";
import { explainAcmeError } from "@/lib/acme/ca-errors";
import { certificateFormSchema, type StartOutcome, type StartState } from "@/lib/acme/certificate-form";
import { preflightLines } from "@/lib/acme/preflight-lines";
import { shownOrder, type ShownOrder } from "@/lib/acme/shown-order";
import { advanceOrder } from "@/lib/acme/order-machine";
import { requireSession } from "@/lib/auth/guard";
import { BAD_REQUEST, validStepArgs } from "@/lib/forms/action-args";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts, refText } from "@/lib/i18n/form-texts";
import { directoryUrlFor } from "@/lib/setup/options";
import { getSetup } from "@/lib/setup/store";
import {
  orderCertificate,
  pollCertificate as poll,
  renewCertificateNow,
  type CertificateProgress,
} from "@/lib/use-cases/order-certificate";

/** The order goes on after the response; the page polls for its progress. */
const advanceLater = (orderId: string) => after(() => advanceOrder(orderId, acmeEnv()));

export async function startCertificate(setupId: string, _prev: StartState, form: FormData): Promise<StartState> {
  const { blocked, ...outcome } = await startOutcome(setupId, form);
  return {
    ...formTexts(outcome, "certificate.messages", { errors: "certificate.errors" }),
    ...(blocked && {
      blocked: preflightLines(
        blocked,
        (ref) => refText(ref, "certificate.preflight"),
        (s) => ({ en: s, fr: s }),
      ),
    }),
  };
}

async function startOutcome(setupId: string, form: FormData): Promise<StartOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, form)) return { message: "noSetup" };
  const setup = await getSetup(setupId);
  if (!setup) return { message: "noSetup" };
  const secret = new Set(["tsigSecret", "eabHmac"]);
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$") && !secret.has(k)),
  );
  const parsed = certificateFormSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "fixErrors",
      values,
    };
  const f = parsed.data;
  const directory = f.directory === "custom" ? f.customDirectory! : f.directory;
  try {
    const r = await orderCertificate(
      setup,
      {
        directory,
        method: f.method,
        email: f.email,
        termsOfServiceAgreed: f.agreeTos,
        eab: f.eabKid && f.eabHmac ? { kid: f.eabKid, hmacKey: f.eabHmac } : undefined,
        rfc2136: f.rfc2136Server
          ? {
              server: f.rfc2136Server,
              key: { name: f.tsigName!, algorithm: f.tsigAlgorithm ?? "hmac-sha256", secret: f.tsigSecret! },
            }
          : undefined,
        remember: true,
      },
      acmeEnv(),
    );
    if (r.status === "refused")
      return r.reason === "terms"
        ? { errors: { agreeTos: ["agreeTos"] }, message: "termsRequired", termsUrl: r.termsOfService, values }
        : { errors: { eabKid: ["eabRequired"] }, message: "eabRequired", values };
    if (r.status === "blocked")
      return { message: "blocked", blocked: r.preflight.items.filter((i) => i.status === "fail"), values };
    advanceLater(r.order.id);
  } catch (e) {
    const p = explainAcmeError(e);
    return {
      message: p.kind === "network" ? "caNetwork" : "caUnreachable",
      params: { detail: p.detail, directory: directoryUrlFor(directory) },
      values,
    };
  }
  revalidatePath(`/setups/${setupId}/certificate`);
  return { ok: true, message: "started" };
}

/** Called every few seconds by the page while an order is under way: moves it on and reports where it is. */
export async function pollCertificate(
  setupId: string,
): Promise<Omit<CertificateProgress, "order"> & { order: ShownOrder | null }> {
  await requireSession();
  if (!validStepArgs(setupId)) return { order: null, certificate: null };
  const progress = await poll(setupId, acmeEnv());
  return { ...progress, order: progress.order && shownOrder(progress.order) };
}

/** Renews now with the last method; DNS-01 by hand starts a new order the page then walks through. */
export async function renewCertificate(setupId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return formTexts(await renewCertificateOutcome(setupId, _form), "certificate.messages");
}

async function renewCertificateOutcome(setupId: string, _form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!validStepArgs(setupId, _form)) return BAD_REQUEST;
  const setup = await getSetup(setupId);
  if (!setup) return { message: "noCertificate" };
  try {
    const r = await renewCertificateNow(setup, acmeEnv(), (renew) => after(renew));
    if (r.status === "no-certificate") return { message: "noCertificate" };
    if (r.status === "blocked") return { message: "blocked" };
    if (r.status === "refused") return { message: r.reason === "terms" ? "termsRequired" : "eabRequired" };
    if (r.status === "unreachable")
      return {
        message: r.problem.kind === "network" ? "caNetwork" : "caUnreachable",
        params: { detail: r.problem.detail, directory: r.directoryUrl },
      };
    if (r.status === "started") advanceLater(r.order.id);
  } catch (e) {
    return { message: "caUnreachable", params: { detail: (e as Error).message } };
  }
  revalidatePath(`/setups/${setupId}/certificate`);
  return { ok: true, message: "renewing" };
}
