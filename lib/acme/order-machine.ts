import "server-only";
import acme from "acme-client";
import { db } from "@/lib/db";
import { getSecret, putSecret } from "@/lib/secrets/store";
import { accountClient } from "./account";
import { findZoneAt, watchTxt, type DnsContext } from "./authoritative-dns";
import { explainAcmeError, explainProblem, type PlainError } from "./ca-errors";
import { saveCertificate } from "./certificate-record";
import type { TsigAlgorithm } from "@/lib/setup/options";
import { parseUpdateServer, sendTxtUpdate } from "./dns-update";
import { loadOrder, saveOrder, type ChallengeRecord, type OrderRecord, type OrderState } from "./order-record";
import { trustAcmeCa } from "./trust";

export interface AcmeDeps extends DnsContext {
  /** A private CA to trust for the directory's HTTPS (Pebble in tests). */
  caPem?: string;
  /** Called after each step is saved; tests throw here to simulate a crash. */
  afterStep?(state: OrderState): void | Promise<void>;
}

type Client = Awaited<ReturnType<typeof accountClient>>["client"];
type Step = (order: OrderRecord, client: Client, deps: AcmeDeps) => Promise<OrderRecord>;

/** Errors worth retrying on the same order rather than giving it up. */
const TRANSIENT = new Set(["network", "serverInternal", "rateLimited"]);

const caOrder = (client: Client, order: OrderRecord) => client.getOrder({ url: order.orderUrl! } as acme.Order);

const tsigSecretName = (order: OrderRecord) => `acme-order:${order.id}`;

async function rfc2136(order: OrderRecord, deps: AcmeDeps, c: ChallengeRecord, op: "add" | "delete") {
  const conf = order.data.rfc2136!;
  const secret = await getSecret(order.setupId, "tsig-secret", tsigSecretName(order));
  if (!secret) throw new Error("the TSIG secret for this order is missing: start a new order");
  const zone = conf.zone ?? c.zone!;
  await sendTxtUpdate(parseUpdateServer(conf.server), zone, [{ op, name: c.txtName!, value: c.txtValue! }], {
    name: conf.keyName,
    algorithm: conf.algorithm as TsigAlgorithm,
    secret,
  });
}

const steps: Record<string, Step> = {
  async account(order, client) {
    return saveOrder(order, { state: "order", data: { accountUrl: client.getAccountUrl() } });
  },

  async order(order, client) {
    if (order.orderUrl) return saveOrder(order, { state: "challenges" });
    const created = await client.createOrder({
      identifiers: order.data.names.map((value) => ({ type: "dns", value })),
    });
    return saveOrder(order, { state: "challenges", orderUrl: created.url, data: { finalizeUrl: created.finalize } });
  },

  async challenges(order, client, deps) {
    let challenges = order.data.challenges;
    if (challenges.length === 0) {
      const type = order.method === "http-01" ? "http-01" : "dns-01";
      const authzs = await client.getAuthorizations(await caOrder(client, order));
      challenges = await Promise.all(
        authzs.map(async (authz) => {
          // A name this account proved recently (the CA reuses its authorization): nothing to publish.
          if (authz.status === "valid")
            return {
              identifier: authz.identifier.value,
              authzUrl: authz.url,
              challengeUrl: "",
              type,
              token: "",
              keyAuthorization: "",
              alreadyValid: true,
            };
          const ch = authz.challenges.find((x) => x.type === type);
          if (!ch)
            throw new Error(`the CA offers no ${type} challenge for ${authz.identifier.value}; choose another method`);
          const keyAuthorization = await client.getChallengeKeyAuthorization(ch);
          const rec: ChallengeRecord = {
            identifier: authz.identifier.value,
            authzUrl: authz.url,
            challengeUrl: ch.url,
            type,
            token: ch.token,
            keyAuthorization,
          };
          if (type === "dns-01") {
            rec.txtName = `_acme-challenge.${authz.identifier.value}`;
            rec.txtValue = keyAuthorization;
          }
          return rec;
        }),
      );
      challenges.sort((a, b) => order.data.names.indexOf(a.identifier) - order.data.names.indexOf(b.identifier));
      order = await saveOrder(order, { data: { challenges } });
    }
    if (order.method === "dns-01-rfc2136") {
      for (const c of challenges.filter((x) => !x.published && !x.alreadyValid)) {
        if (!order.data.rfc2136?.zone && !c.zone)
          c.zone = await findZoneAt(deps, parseUpdateServer(order.data.rfc2136!.server), c.txtName!);
        await rfc2136(order, deps, c, "add");
        c.published = true;
        order = await saveOrder(order, { data: { challenges } });
      }
    }
    if (order.method.startsWith("dns-01")) {
      // The CA asks one nameserver at random: every one must serve the value first.
      const toWatch = challenges.filter((c) => !c.alreadyValid);
      for (const c of toWatch) {
        const seen = await watchTxt(deps, c.txtName!, c.txtValue!);
        c.zone = seen.zone;
        c.sightings = seen.servers;
      }
      const waiting = toWatch.some((c) => !c.sightings!.every((s) => s.sees));
      order = await saveOrder(order, {
        data: { challenges, waitingForDns: waiting, lastDnsCheckAt: new Date().toISOString() },
      });
      if (waiting) return order;
    }
    return saveOrder(order, { state: "validating", data: { waitingForDns: false } });
  },

  async validating(order, client) {
    const authzs = await client.getAuthorizations(await caOrder(client, order));
    for (const authz of authzs) {
      if (authz.status === "valid") continue;
      const rec = order.data.challenges.find((c) => c.authzUrl === authz.url);
      const ch = authz.challenges.find((x) => x.url === rec?.challengeUrl);
      if (!rec || !ch)
        throw new Error(`the CA's authorization for ${authz.identifier.value} does not match this order`);
      if (authz.status === "invalid" || ch.status === "invalid")
        throw Object.assign(new Error("challenge failed"), { problem: explainProblem(ch.error) });
      if (ch.status === "pending") {
        // Another process (the CLI beside the app) may have answered it a moment ago: that is fine.
        await client.completeChallenge(ch).catch(async (e) => {
          const again = await client.getAuthorizations(await caOrder(client, order));
          if (again.find((a) => a.url === authz.url)?.challenges.find((x) => x.url === ch.url)?.status === "pending")
            throw e;
        });
      }
    }
    try {
      for (const authz of authzs) await client.waitForValidStatus(authz);
    } catch (e) {
      const again = await client.getAuthorizations(await caOrder(client, order));
      const failed = again.flatMap((a) => a.challenges).find((x) => x.status === "invalid" && x.error);
      throw Object.assign(e as Error, { problem: failed ? explainProblem(failed.error) : undefined });
    }
    return saveOrder(order, { state: "finalize" });
  },

  async finalize(order, client) {
    const current = await caOrder(client, order);
    if (current.status === "ready") {
      const name = `acme-order:${order.id}`;
      let key = await getSecret(order.setupId, "tls-private-key", name);
      if (!key) {
        key = (await acme.crypto.createPrivateRsaKey(2048)).toString();
        await putSecret(order.setupId, "tls-private-key", name, key);
      }
      const [, csr] = await acme.crypto.createCsr({ commonName: order.data.names[0], altNames: order.data.names }, key);
      await client.finalizeOrder(current, csr).catch(async (e) => {
        if ((await caOrder(client, order)).status === "ready") throw e;
      });
    } else if (current.status === "pending") {
      return saveOrder(order, { state: "validating" });
    }
    return saveOrder(order, { state: "download" });
  },

  async download(order, client, deps) {
    const valid = await client.waitForValidStatus(await caOrder(client, order));
    const chain = await client.getCertificate(valid);
    const secret = await db.secret.findFirst({
      where: { setupId: order.setupId, kind: "tls-private-key", name: `acme-order:${order.id}` },
      select: { id: true },
    });
    if (!secret) throw new Error("the certificate key of this order is missing: start a new order");
    const certificateId = order.data.certificateId ?? (await saveCertificate(order.setupId, chain, secret.id));
    order = await saveOrder(order, { data: { certificateId } });
    if (order.method === "dns-01-rfc2136") {
      for (const c of order.data.challenges.filter((x) => !x.alreadyValid))
        await rfc2136(order, deps, c, "delete").catch(() => undefined);
    }
    return saveOrder(order, { state: "done", error: null, data: { problem: undefined } });
  },
};

const running = new Map<string, Promise<OrderRecord>>();

/**
 * Moves a persisted order forward as far as it can go now: to "done", to
 * "failed", or until the user must act (DNS by hand not visible everywhere
 * yet). Every step is saved before the next, so any restart resumes the same
 * order at the CA. Concurrent calls for one order share a single run.
 */
export function advanceOrder(orderId: string, deps: AcmeDeps): Promise<OrderRecord> {
  const inFlight = running.get(orderId);
  if (inFlight) return inFlight;
  const run = runOrder(orderId, deps).finally(() => running.delete(orderId));
  running.set(orderId, run);
  return run;
}

async function runOrder(orderId: string, deps: AcmeDeps): Promise<OrderRecord> {
  let order = await loadOrder(orderId);
  if (!order) throw new Error(`no ACME order ${orderId}`);
  trustAcmeCa(deps.caPem);
  let client: Client | undefined;
  while (order.state !== "done" && order.state !== "failed") {
    const before = order.state;
    try {
      client ??= (
        await accountClient({
          directoryUrl: order.directoryUrl,
          email: order.data.email,
          termsOfServiceAgreed: order.data.termsOfServiceAgreed,
          eab: order.data.eabKid
            ? { kid: order.data.eabKid, hmacKey: (await getSecret(null, "acme-eab-hmac", order.directoryUrl)) ?? "" }
            : undefined,
        })
      ).client;
      order = await steps[order.state](order, client, deps);
      if (order.error && order.state !== "failed")
        order = await saveOrder(order, { error: null, data: { problem: undefined } });
    } catch (e) {
      const problem: PlainError = (e as { problem?: PlainError }).problem ?? explainAcmeError(e);
      const transient = TRANSIENT.has(problem.kind);
      return saveOrder(order, { state: transient ? undefined : "failed", error: problem.message, data: { problem } });
    }
    if (order.state === before) return order; // waiting for the user
    await deps.afterStep?.(order.state);
  }
  return order;
}
