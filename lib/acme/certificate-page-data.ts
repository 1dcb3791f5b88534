import "server-only";
import type { PreflightLine } from "./preflight-lines";
import { createHash } from "node:crypto";
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

export interface CertificateFrame {
  names: string[];
  email: string;
  directory: { choice: AcmeDirectoryKey | "custom"; custom: string; url: string };
  order: OrderView | null;
  /** A certificate is stored (its details, which may ask the CA, come with certificateSummaryView). */
  hasCertificate: boolean;
}

export type DirectoryTerms = { url: string | null; externalAccountRequired: boolean } | { error: string };
export type PreflightView = PreflightResult | { error: string };

/** The preflight as the page shows it: its findings already in the reader's language. */
export type PreflightShown = (Omit<PreflightResult, "items"> & { items: PreflightLine[] }) | { error: string };

export interface CertificatePageData extends Omit<CertificateFrame, "hasCertificate"> {
  terms: DirectoryTerms;
  preflight: PreflightView;
}

/** What the Certificate step shows at once: from the database only. */
export async function loadCertificateFrame(
  setupId: string,
  doc: SetupDocument,
  env: AcmeEnv,
): Promise<CertificateFrame> {
  const url = env.directoryOverride ?? acmeDirectoryUrl(doc);
  const key = acmeDirectoryKeys.find((k) => directoryUrlFor(k) === url);
  const [order, certificate] = await Promise.all([latestOrder(setupId), getCertificateSummary(setupId)]);
  return {
    names: certificateNames(doc),
    email: acmeContact(doc),
    directory: { choice: key ?? "custom", custom: key ? "" : url, url },
    order: order ? orderView(order) : null,
    hasCertificate: Boolean(certificate),
  };
}

// What the CA and the DNS said, kept a few minutes so the step does not ask again on every visit.
// A look-up that failed, or a preflight that found something to fix, is asked again on the next
// visit: the person is probably fixing it and reloading. Visits at the same moment share one look-up.
const KEEP_MS = 5 * 60_000;
const RETRY_MS = 0;
const remembered = new Map<string, { until: number; value: Promise<unknown> }>();

function remember<T>(key: string, settled: (v: T) => boolean, make: () => Promise<T>): Promise<T> {
  const now = Date.now();
  for (const [k, v] of remembered) if (v.until <= now) remembered.delete(k);
  const hit = remembered.get(key);
  if (hit) return hit.value as Promise<T>;
  const value = make();
  const entry = { until: now + KEEP_MS, value };
  remembered.set(key, entry);
  void value.then((v) => {
    if (!settled(v)) entry.until = Math.min(entry.until, Date.now() + RETRY_MS);
  });
  return value;
}

const keyOf = (...parts: unknown[]) =>
  createHash("sha256")
    .update(JSON.stringify(parts, (_k, v) => (typeof v === "function" ? undefined : v)))
    .digest("hex");

type DirectoryMeta = Awaited<ReturnType<typeof directoryMeta>> | { error: string };

function directoryFacts(url: string, env: AcmeEnv): Promise<DirectoryMeta> {
  return remember(
    keyOf("directory", url, env.caPem),
    (m) => !("error" in m),
    () => {
      trustAcmeCa(env.caPem);
      return within(5000, directoryMeta(url, env)).catch((e: Error) => ({ error: e.message }));
    },
  );
}

/** The CA's terms and whether it needs an external account (asked of the directory, bounded to 5 s). */
export async function loadDirectoryTerms(frame: CertificateFrame, env: AcmeEnv): Promise<DirectoryTerms> {
  const meta = await directoryFacts(frame.directory.url, env);
  return "error" in meta ? meta : { url: meta.termsOfService, externalAccountRequired: meta.externalAccountRequired };
}

/** CAA, names and port 80 before ordering (bounded to 8 s after the directory). */
export async function loadPreflight(
  setupId: string,
  doc: SetupDocument,
  frame: CertificateFrame,
  env: AcmeEnv,
): Promise<PreflightView> {
  const url = frame.directory.url;
  const [meta, accountUri] = await Promise.all([directoryFacts(url, env), getAcmeAccountUri(setupId)]);
  const input = {
    names: frame.names,
    caIdentities:
      env.caaIdentities ??
      ("error" in meta ? caaIdentitiesFor(url) : [...new Set([...meta.caaIdentities, ...caaIdentitiesFor(url)])]),
    accountUri,
    expectedAddresses: ownAddresses(doc),
  };
  return remember(
    keyOf("preflight", input, env),
    (r) => !("error" in r) && r.items.every((i) => i.status === "pass"),
    () => within(8000, preflight(input, env)).catch((e: Error) => ({ error: e.message })),
  );
}
