import "server-only";
import { db } from "@/lib/db";
import type { PlainError } from "./ca-errors";
import type { AcmeMethod } from "@/lib/setup/options";
import type { TxtSighting } from "./authoritative-dns";

const orderStates = ["account", "order", "challenges", "validating", "finalize", "download", "done", "failed"] as const;
export type OrderState = (typeof orderStates)[number];

export interface ChallengeRecord {
  /** the name being validated, e.g. mail.example.org */
  identifier: string;
  authzUrl: string;
  challengeUrl: string;
  type: "dns-01" | "http-01";
  token: string;
  keyAuthorization: string;
  /** dns-01: the TXT record to publish */
  txtName?: string;
  txtValue?: string;
  /** dns-01 automatic: sent to the server */
  published?: boolean;
  /** dns-01 by hand: what each authoritative nameserver served at the last look */
  sightings?: TxtSighting[];
  zone?: string;
  /** the CA reused a valid authorization for this name: nothing to publish */
  alreadyValid?: boolean;
}

export interface OrderData {
  names: string[];
  email: string;
  termsOfServiceAgreed: boolean;
  eabKid?: string;
  rfc2136?: { server: string; zone?: string; keyName: string; algorithm: string };
  accountUrl?: string;
  finalizeUrl?: string;
  challenges: ChallengeRecord[];
  /** dns-01 by hand: true while some nameserver does not serve the value yet */
  waitingForDns?: boolean;
  lastDnsCheckAt?: string;
  certificateId?: string;
  /** when each state was entered */
  history: { state: OrderState; at: string }[];
  problem?: PlainError;
  /** renewal: the certificate this order replaces */
  replaces?: string;
}

export interface OrderRecord {
  id: string;
  setupId: string;
  directoryUrl: string;
  method: AcmeMethod;
  state: OrderState;
  orderUrl: string | null;
  data: OrderData;
  /** the last problem in plain words, while the order is retried or once it failed */
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const toRecord = (row: {
  id: string;
  setupId: string;
  directoryUrl: string;
  method: string;
  state: string;
  orderUrl: string | null;
  data: string;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}): OrderRecord => ({
  ...row,
  method: row.method as AcmeMethod,
  state: row.state as OrderState,
  data: JSON.parse(row.data) as OrderData,
});

export async function loadOrder(id: string): Promise<OrderRecord | null> {
  const row = await db.acmeOrder.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

/** The setup's most recent order, finished or not. */
export async function latestOrder(setupId: string): Promise<OrderRecord | null> {
  const row = await db.acmeOrder.findFirst({ where: { setupId }, orderBy: { createdAt: "desc" } });
  return row ? toRecord(row) : null;
}

/** The setup's order still under way (neither done nor failed), if any: the one to resume. */
export async function activeOrder(setupId: string): Promise<OrderRecord | null> {
  const row = await db.acmeOrder.findFirst({
    where: { setupId, state: { notIn: ["done", "failed"] } },
    orderBy: { createdAt: "desc" },
  });
  return row ? toRecord(row) : null;
}

export async function createOrderRecord(
  setupId: string,
  directoryUrl: string,
  method: AcmeMethod,
  data: Omit<OrderData, "history" | "challenges">,
): Promise<OrderRecord> {
  const full: OrderData = { ...data, challenges: [], history: [{ state: "account", at: new Date().toISOString() }] };
  const row = await db.acmeOrder.create({
    data: { setupId, directoryUrl, method, state: "account", data: JSON.stringify(full) },
  });
  return toRecord(row);
}

/** Saves the order after a step: the next run resumes from exactly here. */
export async function saveOrder(
  order: OrderRecord,
  patch: { state?: OrderState; orderUrl?: string; data?: Partial<OrderData>; error?: string | null },
): Promise<OrderRecord> {
  const data: OrderData = { ...order.data, ...patch.data };
  if (patch.state && patch.state !== order.state)
    data.history = [...data.history, { state: patch.state, at: new Date().toISOString() }];
  const row = await db.acmeOrder.update({
    where: { id: order.id },
    data: { state: patch.state, orderUrl: patch.orderUrl, data: JSON.stringify(data), error: patch.error },
  });
  return toRecord(row);
}

/** The key authorization for an HTTP-01 token of an order under way (what /.well-known/acme-challenge/TOKEN answers). */
export async function findHttpChallengeAnswer(token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const rows = await db.acmeOrder.findMany({
    where: { method: "http-01", state: { in: ["challenges", "validating"] } },
    select: { data: true },
  });
  for (const row of rows) {
    const hit = (JSON.parse(row.data) as OrderData).challenges.find((c) => c.type === "http-01" && c.token === token);
    if (hit) return hit.keyAuthorization;
  }
  return null;
}
