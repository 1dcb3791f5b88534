import "server-only";
import { isSetupId } from "@/lib/forms/action-args";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { deleteSecret, getSecret, getSecretsOfKind, putSecret, secretNamesOfKind } from "@/lib/secrets/store";
import { toAsciiHostname } from "./names";
import { parseStoredDocument, setupInputSchema, withoutSecrets, type SetupDocument } from "./schema";
import { isStepId, type StepId } from "./steps";
import type { z } from "zod";

export interface StoredSetup {
  id: string;
  domain: string;
  document: SetupDocument;
  /**
   * Steps marked by an event that leaves no other trace (records published,
   * bundle downloaded, a network run). What is done is decided from all the
   * data by lib/pipeline/step-progress.ts.
   */
  marks: StepId[];
  /** The user said the mail server is not installed yet (until it answers; see runAndStoreChecks). */
  serverNotInstalled: boolean;
  version: number;
  updatedAt: Date;
}

type Row = {
  id: string;
  domain: string;
  document: string;
  steps: string;
  serverNotInstalled: boolean;
  version: number;
  updatedAt: Date;
};

function toStored(row: Row): StoredSetup {
  return {
    id: row.id,
    domain: row.domain,
    document: parseStoredDocument(row.document),
    marks: (JSON.parse(row.steps) as string[]).filter(isStepId),
    serverNotInstalled: row.serverNotInstalled,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export async function getSetup(id: string): Promise<StoredSetup | null> {
  if (!isSetupId(id)) return null;
  const row = await db.setup.findUnique({ where: { id } });
  return row ? toStored(row) : null;
}

/** Finds a setup by its domain, given in Unicode or ASCII form. */
export async function getSetupByDomain(domain: string): Promise<StoredSetup | null> {
  const ascii = toAsciiHostname(domain);
  if (!ascii) return null;
  const row = await db.setup.findUnique({ where: { domain: ascii } });
  return row ? toStored(row) : null;
}

export async function listSetups(): Promise<StoredSetup[]> {
  const rows = await db.setup.findMany({ orderBy: { domain: "asc" } });
  return rows.map(toStored);
}

export type SaveResult =
  | { ok: true; setup: StoredSetup }
  | { ok: false; reason: "invalid"; issues: z.core.$ZodIssue[] }
  | { ok: false; reason: "conflict" | "not-found" | "domain-taken" };

/**
 * Validates and saves a whole Setup document (create when no id). Mailbox
 * passwords are hashed (bcrypt) and sealed; an omitted password keeps the stored
 * hash; removed mailboxes lose theirs. `expectedVersion` refuses a save made
 * from a stale copy.
 */
export async function saveSetup(
  input: unknown,
  opts: { id?: string; expectedVersion?: number; completeStep?: StepId } = {},
): Promise<SaveResult> {
  const parsed = setupInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", issues: parsed.error.issues };
  const doc = parsed.data;
  const hashes = new Map<string, string>();
  for (const m of doc.mailboxes) if (m.password) hashes.set(m.address, await bcrypt.hash(m.password, 10));
  const document = JSON.stringify(withoutSecrets(doc));

  try {
    const row = await db.$transaction(async (tx) => {
      let current: Row | null = null;
      if (opts.id) {
        current = await tx.setup.findUnique({ where: { id: opts.id } });
        if (!current) throw new SaveError("not-found");
        if (opts.expectedVersion !== undefined && current.version !== opts.expectedVersion)
          throw new SaveError("conflict");
      }
      const other = await tx.setup.findUnique({ where: { domain: doc.domain }, select: { id: true } });
      if (other && other.id !== opts.id) throw new SaveError("domain-taken");
      const steps = new Set<string>(current ? JSON.parse(current.steps) : []);
      if (opts.completeStep) steps.add(opts.completeStep);
      const saved = current
        ? await tx.setup.update({
            where: { id: current.id, version: current.version },
            data: { domain: doc.domain, document, steps: JSON.stringify([...steps]), version: { increment: 1 } },
          })
        : await tx.setup.create({ data: { domain: doc.domain, document, steps: JSON.stringify([...steps]) } });
      for (const [address, hash] of hashes) await putSecret(saved.id, "mailbox-password-hash", address, hash, tx);
      const keep = new Set(doc.mailboxes.map((m) => m.address));
      const stale = await tx.secret.findMany({
        where: { setupId: saved.id, kind: "mailbox-password-hash" },
        select: { name: true },
      });
      for (const s of stale) if (!keep.has(s.name)) await deleteSecret(saved.id, "mailbox-password-hash", s.name, tx);
      if (doc.delivery.mode === "relay" && doc.delivery.password)
        await putSecret(saved.id, "relay-password", "relay", doc.delivery.password, tx);
      if (doc.delivery.mode === "direct") await deleteSecret(saved.id, "relay-password", "relay", tx);
      return saved;
    });
    return { ok: true, setup: toStored(row) };
  } catch (e) {
    if (e instanceof SaveError) return { ok: false, reason: e.reason };
    // A concurrent save bumped the version between our read and write.
    if ((e as { code?: string }).code === "P2025") return { ok: false, reason: "conflict" };
    throw e;
  }
}

class SaveError extends Error {
  constructor(readonly reason: "conflict" | "not-found" | "domain-taken") {
    super(reason);
  }
}

/** Marks (or unmarks) a step whose completion is an event (see StoredSetup.marks). */
export async function markStepComplete(id: string, step: StepId, done = true): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.setup.findUnique({ where: { id }, select: { steps: true } });
    if (!row) return;
    const steps = new Set<string>(JSON.parse(row.steps));
    if (done) steps.add(step);
    else steps.delete(step);
    await tx.setup.update({ where: { id }, data: { steps: JSON.stringify([...steps]) } });
  });
}

/** Records whether the user said the mail server is not installed yet (not a document edit: no version bump). */
export async function setServerNotInstalled(id: string, notInstalled: boolean): Promise<void> {
  await db.setup.updateMany({ where: { id }, data: { serverNotInstalled: notInstalled } });
}

export async function deleteSetup(id: string): Promise<boolean> {
  const r = await db.setup.deleteMany({ where: { id } });
  return r.count > 0;
}

/** Mailbox password hashes (bcrypt "$2b$…"; Dovecot reads them as {BLF-CRYPT}). */
export async function getMailboxPasswordHashes(setupId: string): Promise<{ address: string; hash: string }[]> {
  const map = await getSecretsOfKind(setupId, "mailbox-password-hash");
  return [...map].map(([address, hash]) => ({ address, hash }));
}

/** The mailboxes that have a password (their addresses only: nothing decrypted). */
export async function getMailboxesWithPassword(setupId: string): Promise<string[]> {
  return secretNamesOfKind(setupId, "mailbox-password-hash");
}

export async function getRelayPassword(setupId: string): Promise<string | null> {
  return getSecret(setupId, "relay-password", "relay");
}
