import "server-only";
import { acmeContact, acmeDirectoryUrl, certificateNames, ownAddresses } from "@/lib/setup/derived";
import { acmeDirectoryKeys, caaIdentitiesFor, directoryUrlFor, type AcmeDirectoryKey } from "@/lib/setup/options";
import type { SetupDocument } from "@/lib/setup/schema";
import { directoryMeta } from "./account";
import type { AcmeEnv } from "./acme-env";
import { getAcmeAccountUri, getCertificateSummary } from "./certificate-store";
import { latestOrder } from "./order-record";
import { orderView, type OrderView } from "./order-view";
import { preflight, type PreflightResult } from "./preflight";
import { renewalPlan } from "./renewal";
import { trustAcmeCa } from "./trust";

const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)),
  ]);

export interface CertificateSummaryView {
  names: string[];
  issuer: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  renewAt: string | null;
  renewalSource: "ari" | "lifetime" | null;
  due: boolean;
}

export async function certificateSummaryView(
  setupId: string,
  env: AcmeEnv,
  now = new Date(),
): Promise<CertificateSummaryView | null> {
  const cert = await getCertificateSummary(setupId);
  if (!cert) return null;
  const plan = await within(5000, renewalPlan(setupId, env, now)).catch(() => null);
  return {
    names: cert.names,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysLeft: Math.floor((cert.notAfter.getTime() - now.getTime()) / 86_400_000),
    renewAt: plan?.renewAt.toISOString() ?? null,
    renewalSource: plan?.source ?? null,
    due: plan?.due ?? false,
  };
}

export interface CertificatePageData {
  names: string[];
  email: string;
  directory: { choice: AcmeDirectoryKey | "custom"; custom: string; url: string };
  terms: { url: string | null; externalAccountRequired: boolean } | { error: string };
  preflight: PreflightResult | { error: string };
  order: OrderView | null;
  certificate: CertificateSummaryView | null;
}

/** Everything the Certificate step shows; network look-ups are bounded so the page always renders. */
export async function loadCertificatePage(
  setupId: string,
  doc: SetupDocument,
  env: AcmeEnv,
): Promise<CertificatePageData> {
  trustAcmeCa(env.caPem);
  const url = env.directoryOverride ?? acmeDirectoryUrl(doc);
  const key = acmeDirectoryKeys.find((k) => directoryUrlFor(k) === url);
  const names = certificateNames(doc);
  const meta = await within(5000, directoryMeta(url, env)).catch((e: Error) => ({ error: e.message }));
  const accountUri = await getAcmeAccountUri(setupId);
  const check = await within(
    8000,
    preflight(
      {
        names,
        caIdentities:
          env.caaIdentities ??
          ("error" in meta ? caaIdentitiesFor(url) : [...new Set([...meta.caaIdentities, ...caaIdentitiesFor(url)])]),
        accountUri,
        expectedAddresses: ownAddresses(doc),
      },
      env,
    ),
  ).catch((e: Error) => ({ error: e.message }));
  const order = await latestOrder(setupId);
  return {
    names,
    email: acmeContact(doc),
    directory: { choice: key ?? "custom", custom: key ? "" : url, url },
    terms: "error" in meta ? meta : { url: meta.termsOfService, externalAccountRequired: meta.externalAccountRequired },
    preflight: check,
    order: order ? orderView(order) : null,
    certificate: await certificateSummaryView(setupId, env),
  };
}
