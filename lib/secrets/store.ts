import "server-only";
import { db } from "@/lib/db";
import { dataDir } from "@/lib/db/url";
import { loadOrCreateKey } from "./key-file";
import { decryptSecret, encryptSecret } from "./secret-box";

export type SecretKind =
  | "mailbox-password-hash"
  | "relay-password"
  | "dkim-private-key"
  | "tls-private-key"
  | "acme-account-key"
  | "acme-eab-hmac"
  | "tsig-secret";

let key: Buffer | undefined;
function secretKey(): Buffer {
  key ??= loadOrCreateKey(dataDir());
  return key;
}

const context = (setupId: string | null, kind: string, name: string) => `${setupId ?? "-"}/${kind}/${name}`;

/** A Prisma client or an interactive transaction's client. */
type Client = Pick<typeof db, "secret">;

/** Stores (or replaces) one secret, sealed; returns its id. Pass `client` to run inside a transaction. */
export async function putSecret(
  setupId: string | null,
  kind: SecretKind,
  name: string,
  value: string,
  client: Client = db,
): Promise<string> {
  const ciphertext = encryptSecret(secretKey(), value, context(setupId, kind, name));
  const existing = await client.secret.findFirst({ where: { setupId, kind, name }, select: { id: true } });
  if (existing) {
    await client.secret.update({ where: { id: existing.id }, data: { ciphertext } });
    return existing.id;
  }
  const row = await client.secret.create({ data: { setupId, kind, name, ciphertext }, select: { id: true } });
  return row.id;
}

/** The clear value of one secret, or null when there is none. */
export async function getSecret(setupId: string | null, kind: SecretKind, name: string): Promise<string | null> {
  const row = await db.secret.findFirst({ where: { setupId, kind, name }, select: { ciphertext: true } });
  return row ? decryptSecret(secretKey(), row.ciphertext, context(setupId, kind, name)) : null;
}

/** Every secret of one kind for a setup, opened: name → value. */
export async function getSecretsOfKind(setupId: string, kind: SecretKind): Promise<Map<string, string>> {
  const rows = await db.secret.findMany({
    where: { setupId, kind },
    select: { ciphertext: true, name: true },
    orderBy: { name: "asc" },
  });
  return new Map(rows.map((r) => [r.name, decryptSecret(secretKey(), r.ciphertext, context(setupId, kind, r.name))]));
}

/** The names of a setup's secrets of one kind (e.g. which mailboxes have a password), none decrypted. */
export async function secretNamesOfKind(setupId: string, kind: SecretKind): Promise<string[]> {
  const rows = await db.secret.findMany({ where: { setupId, kind }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

export async function getSecretById(id: string): Promise<string | null> {
  const row = await db.secret.findUnique({
    where: { id },
    select: { ciphertext: true, setupId: true, kind: true, name: true },
  });
  return row ? decryptSecret(secretKey(), row.ciphertext, context(row.setupId, row.kind, row.name)) : null;
}

export async function deleteSecret(
  setupId: string | null,
  kind: SecretKind,
  name: string,
  client: Client = db,
): Promise<void> {
  await client.secret.deleteMany({ where: { setupId, kind, name } });
}
