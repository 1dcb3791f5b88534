import "server-only";
import https from "node:https";
import acme from "acme-client";
import { db } from "@/lib/db";
import { getSecret, putSecret } from "@/lib/secrets/store";
import { assertPublicUrl } from "./outbound-target";

export interface ExternalAccountBinding {
  kid: string;
  hmacKey: string;
}

const keyName = (directoryUrl: string, email: string) => `${directoryUrl} ${email}`;

/** The account key for (directory, email): created once, stored sealed, reused for every order. */
async function accountKey(directoryUrl: string, email: string): Promise<string> {
  const name = keyName(directoryUrl, email);
  const existing = await getSecret(null, "acme-account-key", name);
  if (existing) return existing;
  const pem = (await acme.crypto.createPrivateEcdsaKey("P-256")).toString();
  await putSecret(null, "acme-account-key", name, pem);
  return pem;
}

/** A client for the account of (directory, email), registering it with the CA the first time. */
export async function accountClient(opts: {
  directoryUrl: string;
  email: string;
  termsOfServiceAgreed: boolean;
  eab?: ExternalAccountBinding;
}) {
  const key = await accountKey(opts.directoryUrl, opts.email);
  const row = await db.acmeAccount.findUnique({
    where: { directoryUrl_email: { directoryUrl: opts.directoryUrl, email: opts.email } },
  });
  const client = new acme.Client({
    directoryUrl: opts.directoryUrl,
    accountKey: key,
    accountUrl: row?.accountUrl ?? undefined,
    externalAccountBinding: opts.eab,
    backoffAttempts: 10,
    backoffMin: 200,
    backoffMax: 5000,
  });
  if (row?.accountUrl) return { client, accountUrl: row.accountUrl };
  await client.createAccount({ termsOfServiceAgreed: opts.termsOfServiceAgreed, contact: [`mailto:${opts.email}`] });
  const accountUrl = client.getAccountUrl();
  const secret = await db.secret.findFirst({
    where: { setupId: null, kind: "acme-account-key", name: keyName(opts.directoryUrl, opts.email) },
    select: { id: true },
  });
  await db.acmeAccount.upsert({
    where: { directoryUrl_email: { directoryUrl: opts.directoryUrl, email: opts.email } },
    create: { directoryUrl: opts.directoryUrl, email: opts.email, accountUrl, secretId: secret!.id },
    update: { accountUrl },
  });
  return { client, accountUrl };
}

/** The longest the CA's directory may take to answer: a dead CA is said to be dead within this. */
export const DIRECTORY_TIMEOUT_MS = 10_000;

/** GETs the ACME directory (RFC 8555 §7.1.1) once, through acme-client's agent (and so its trusted CAs), or throws. */
function fetchDirectory(directoryUrl: string, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const agent = (acme.axios.defaults.httpsAgent as https.Agent | undefined) ?? https.globalAgent;
    const req = https.get(directoryUrl, { agent, headers: { accept: "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        if (body.length < 1_000_000) body += d;
      });
      res.on("end", () => {
        clearTimeout(timer);
        if ((res.statusCode ?? 0) >= 400)
          return reject(new Error(`the directory ${directoryUrl} answered status code ${res.statusCode}`));
        try {
          resolve(JSON.parse(body) as Record<string, unknown>);
        } catch {
          reject(new Error(`the directory ${directoryUrl} did not answer with an ACME directory (JSON)`));
        }
      });
      res.on("error", reject);
    });
    // One deadline for the whole exchange (the socket's own idle timeout lets a silent TLS peer take twice as long).
    const timer = setTimeout(
      () =>
        req.destroy(
          Object.assign(new Error(`${directoryUrl}: no answer within ${timeoutMs} ms (ETIMEDOUT)`), {
            code: "ETIMEDOUT",
          }),
        ),
      timeoutMs,
    );
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * The directory's terms of service URL, whether it needs External Account
 * Binding, and its CAA identities. Asked directly, once, within 10 s:
 * acme-client retries a refused connection for over a minute and then fails
 * with an internal error instead of the network's.
 */
export async function directoryMeta(
  directoryUrl: string,
  opts: { allowPrivateTargets?: boolean; timeoutMs?: number } = {},
): Promise<{ termsOfService: string | null; externalAccountRequired: boolean; caaIdentities: string[] }> {
  // A URL typed in a form must not make the wizard probe the LAN (lib/acme/outbound-target.ts).
  await assertPublicUrl(directoryUrl, !!opts.allowPrivateTargets);
  const dir = await fetchDirectory(directoryUrl, opts.timeoutMs ?? DIRECTORY_TIMEOUT_MS);
  const meta = (typeof dir.meta === "object" && dir.meta ? dir.meta : {}) as Record<string, unknown>;
  if (typeof dir.newOrder !== "string" || typeof dir.newAccount !== "string")
    throw new Error(`${directoryUrl} is not an ACME directory (no newAccount or newOrder)`);
  return {
    termsOfService: typeof meta.termsOfService === "string" ? meta.termsOfService : null,
    externalAccountRequired: meta.externalAccountRequired === true,
    caaIdentities: Array.isArray(meta.caaIdentities) ? meta.caaIdentities.map(String) : [],
  };
}
