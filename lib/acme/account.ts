import "server-only";
import { assertPublicUrl } from "./outbound-target";
import acme from "acme-client";
import { db } from "@/lib/db";
import { getSecret, putSecret } from "@/lib/secrets/store";

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

/** The directory's terms of service URL and whether it needs External Account Binding. */
export async function directoryMeta(
  directoryUrl: string,
  opts: { allowPrivateTargets?: boolean } = {},
): Promise<{ termsOfService: string | null; externalAccountRequired: boolean; caaIdentities: string[] }> {
  await assertPublicUrl(directoryUrl, !!opts.allowPrivateTargets);
  const client = new acme.Client({ directoryUrl, accountKey: Buffer.from("unused") });
  const tos = await client.getTermsOfServiceUrl();
  const http = (client as unknown as { http: { getMetaField(f: string): Promise<unknown> } }).http;
  const ear = await http.getMetaField("externalAccountRequired");
  const caa = await http.getMetaField("caaIdentities");
  return {
    termsOfService: tos ?? null,
    externalAccountRequired: ear === true,
    caaIdentities: Array.isArray(caa) ? caa.map(String) : [],
  };
}
