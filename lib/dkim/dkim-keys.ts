import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { deleteSecret, getSecretById, putSecret } from "@/lib/secrets/store";
import type { SetupDocument } from "@/lib/setup/schema";
import { generateDkimKey, type DkimAlgorithm } from "./generate-dkim-key";
import { ed25519Selector, nextSelector } from "./selector-names";

export type DkimKeyStatus = "active" | "retiring" | "retired";

export interface DkimKeyInfo {
  selector: string;
  algorithm: DkimAlgorithm;
  /** The p= value of the DNS record. */
  publicKey: string;
  status: DkimKeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
}

/** A refusal the page and the CLI show as is (code = i18n key under dns.errors). */
export class DkimError extends Error {
  constructor(readonly code: "no-such-key" | "key-not-retiring" | "no-active-key") {
    super(code);
  }
}

const SECRET_KIND = "dkim-private-key";
// The key's fingerprint is part of the name, so two processes racing to make the same key never overwrite each other's secret.
const secretName = (selector: string, algorithm: string, publicKey: string) =>
  `${selector}/${algorithm}/${createHash("sha256").update(publicKey).digest("hex").slice(0, 16)}`;

// One key change at a time per setup in this process (the unique index guards across processes).
const locks = new Map<string, Promise<unknown>>();
function serialized<T>(setupId: string, run: () => Promise<T>): Promise<T> {
  const previous = locks.get(setupId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  locks.set(setupId, next);
  void next.finally(() => locks.get(setupId) === next && locks.delete(setupId)).catch(() => undefined);
  return next;
}

/** Every key of the setup, oldest first; retired ones included (their selectors are never reused). */
export async function listDkimKeys(setupId: string): Promise<DkimKeyInfo[]> {
  const rows = await db.dkimKey.findMany({
    where: { setupId },
    orderBy: [{ createdAt: "asc" }, { algorithm: "desc" }],
  });
  return rows.map((r) => ({
    selector: r.selector,
    algorithm: r.algorithm as DkimAlgorithm,
    publicKey: r.publicKey,
    status: r.status as DkimKeyStatus,
    createdAt: r.createdAt,
    retiredAt: r.retiredAt,
  }));
}

/**
 * Makes sure the setup has one active key per algorithm it asks for.
 * Existing keys are kept; a key is generated only when missing. When the
 * document names a selector no key ever used, that counts as a rotation to it.
 * An Ed25519 key no longer asked for starts retiring.
 */
export function ensureDkimKeys(setupId: string, doc: SetupDocument): Promise<DkimKeyInfo[]> {
  return serialized(setupId, async () => {
    try {
      return await ensure(setupId, doc);
    } catch (e) {
      // Another process (the CLI beside the wizard) made the same keys first: theirs stand.
      if ((e as { code?: string }).code === "P2002") return listDkimKeys(setupId);
      throw e;
    }
  });
}

async function ensure(setupId: string, doc: SetupDocument): Promise<DkimKeyInfo[]> {
  let keys = await listDkimKeys(setupId);
  const used = keys.map((k) => k.selector);
  const rsa = keys.find((k) => k.status === "active" && k.algorithm === "rsa-2048");
  const wanted = doc.dkim.selector;
  const wantEd = (doc.dkim.algorithms as readonly string[]).includes("ed25519");
  const wantedFree = !used.includes(wanted) && !used.includes(ed25519Selector(wanted));
  if (rsa && rsa.selector !== wanted && wantedFree) return rotate(setupId, wanted, wantEd);
  let selector = rsa?.selector;
  let changed = false;
  if (!selector) {
    selector = wantedFree ? wanted : nextSelector(wanted, used);
    await addKey(setupId, selector, "rsa-2048");
    changed = true;
  }
  const ed = keys.find((k) => k.status === "active" && k.algorithm === "ed25519");
  if (wantEd && !ed) {
    await addKey(setupId, ed25519Selector(selector), "ed25519");
    changed = true;
  }
  if (!wantEd && ed) {
    await db.dkimKey.updateMany({
      where: { setupId, algorithm: "ed25519", status: "active" },
      data: { status: "retiring" },
    });
    changed = true;
  }
  // Read again only when something was written (the DNS step asks on every view).
  if (changed) keys = await listDkimKeys(setupId);
  return keys;
}

/**
 * Rotation: a new selector with new keys (the same algorithms as the active
 * ones), published alongside the old ones, which turn "retiring" and stay in
 * DNS until retireDkim. Returns the new selector.
 */
export function rotateDkim(setupId: string): Promise<string> {
  return serialized(setupId, async () => {
    const keys = await listDkimKeys(setupId);
    const rsa = keys.find((k) => k.status === "active" && k.algorithm === "rsa-2048");
    if (!rsa) throw new DkimError("no-active-key");
    const selector = nextSelector(
      rsa.selector,
      keys.map((k) => k.selector),
    );
    await rotate(
      setupId,
      selector,
      keys.some((k) => k.status === "active" && k.algorithm === "ed25519"),
    );
    return selector;
  });
}

/**
 * Retires a retiring selector and its Ed25519 partner (pw1 → pw1 and pw1e):
 * their records leave the plan and their private keys are deleted. The rows
 * stay, so the selectors are never reused.
 */
export function retireDkim(setupId: string, selector: string): Promise<void> {
  return serialized(setupId, async () => {
    const rows = await db.dkimKey.findMany({
      where: { setupId, selector: { in: [selector, ed25519Selector(selector)] } },
    });
    if (!rows.some((r) => r.selector === selector)) throw new DkimError("no-such-key");
    if (rows.some((r) => r.status === "active")) throw new DkimError("key-not-retiring");
    for (const r of rows) {
      if (r.status === "retired") continue;
      await deleteSecret(setupId, SECRET_KIND, secretName(r.selector, r.algorithm, r.publicKey));
      await db.dkimKey.update({ where: { id: r.id }, data: { status: "retired", retiredAt: new Date() } });
    }
  });
}

/** The PEM private key of a selector (for rspamd's signing configuration); null when absent or retired. */
export async function getDkimPrivateKeyPem(
  setupId: string,
  selector: string,
  algorithm: DkimAlgorithm,
): Promise<string | null> {
  const row = await db.dkimKey.findUnique({ where: { setupId_selector_algorithm: { setupId, selector, algorithm } } });
  if (!row || row.status === "retired") return null;
  return getSecretById(row.secretId);
}

async function rotate(setupId: string, selector: string, withEd: boolean): Promise<DkimKeyInfo[]> {
  // Generate first (slow, off the loop), then switch statuses in one transaction.
  const made = await Promise.all([generateDkimKey("rsa-2048"), ...(withEd ? [generateDkimKey("ed25519")] : [])]);
  const stored = [];
  for (const k of made) {
    const sel = k.algorithm === "ed25519" ? ed25519Selector(selector) : selector;
    stored.push({
      sel,
      k,
      secretId: await putSecret(setupId, SECRET_KIND, secretName(sel, k.algorithm, k.publicKey), k.privateKeyPem),
    });
  }
  try {
    await db.$transaction([
      db.dkimKey.updateMany({ where: { setupId, status: "active" }, data: { status: "retiring" } }),
      ...stored.map(({ sel, k, secretId }) =>
        db.dkimKey.create({
          data: { setupId, selector: sel, algorithm: k.algorithm, publicKey: k.publicKey, secretId, status: "active" },
        }),
      ),
    ]);
  } catch (e) {
    for (const { sel, k } of stored)
      await deleteSecret(setupId, SECRET_KIND, secretName(sel, k.algorithm, k.publicKey));
    throw e;
  }
  return listDkimKeys(setupId);
}

async function addKey(setupId: string, selector: string, algorithm: DkimAlgorithm): Promise<void> {
  const k = await generateDkimKey(algorithm);
  const name = secretName(selector, algorithm, k.publicKey);
  const secretId = await putSecret(setupId, SECRET_KIND, name, k.privateKeyPem);
  try {
    await db.dkimKey.create({ data: { setupId, selector, algorithm, publicKey: k.publicKey, secretId } });
  } catch (e) {
    await deleteSecret(setupId, SECRET_KIND, name);
    // Another process made the same key first (unique setupId+selector+algorithm): keep theirs.
    if ((e as { code?: string }).code !== "P2002") throw e;
  }
}
