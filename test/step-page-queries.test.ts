// How many database queries one request to the DNS step and to the Certificate step makes:
// the step layout's and the page's data calls, as Next runs them in one render, where
// React's cache() lasts one request (emulated here: a memo emptied per request). Each
// Prisma query costs a compilation (Prisma 6's query compiler), a good part of these
// pages' time to first byte under load (README, Benchmarks).
import { tempDb, tempDbDir } from "@/test/temp-db";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ token: "", memo: new Map<unknown, Map<string, unknown>>() }));

vi.mock("react", async (importOriginal) => {
  const react = await importOriginal<typeof import("react")>();
  const cache =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const memo = request.memo.get(fn) ?? new Map<string, unknown>();
      request.memo.set(fn, memo);
      const key = JSON.stringify(args);
      if (!memo.has(key)) memo.set(key, fn(...args));
      return memo.get(key) as R;
    };
  return { ...react, cache };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "pw_session" ? { value: request.token } : undefined) }),
}));

let queries = 0;
let setupId = "";
// Installed before lib/db is first imported, which then uses it as the process's client.
beforeAll(async () => {
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const counted = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: tempDb.url }),
    log: [{ emit: "event", level: "query" }],
    omit: { secret: { ciphertext: true }, admin: { passwordHash: true } },
  });
  counted.$on("query", () => queries++);
  (globalThis as { postwrightDb?: unknown }).postwrightDb = counted;

  const { saveSetup } = await import("@/lib/setup/store");
  const { claimAdmin } = await import("@/lib/auth/admin");
  const { issueSetupToken } = await import("@/lib/auth/first-run");
  const { createSession } = await import("@/lib/auth/session");
  const { ensureDkimKeys } = await import("@/lib/dkim/dkim-keys");
  const saved = await saveSetup({ domain: "queries.example", ipv4: "192.0.2.92", adminEmail: "a@queries.example" });
  if (!saved.ok) throw new Error(saved.reason);
  setupId = saved.setup.id;
  await ensureDkimKeys(setupId, saved.setup.document); // made on the first visit; not what this test counts
  if (!(await claimAdmin((await issueSetupToken())!, "a long enough password"))) throw new Error("no admin");
  request.token = (await createSession()).token;
});
afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

/** The queries `render` makes as one request. */
async function countRequest(render: () => Promise<unknown>): Promise<number> {
  request.memo = new Map();
  const before = queries;
  await render();
  return queries - before;
}

async function layout(params: Promise<{ id: string }>) {
  const { requireSetup } = await import("@/lib/setup/require-setup");
  const { stepProgress } = await import("@/lib/pipeline/step-progress");
  return stepProgress(await requireSetup(params));
}

async function dnsStep(id: string) {
  const { requireSetup } = await import("@/lib/setup/require-setup");
  const { latestCheckRunOnce } = await import("@/lib/pipeline/check-runs");
  const { dnsPlanAndKeys } = await import("@/lib/use-cases/dns-plan");
  const params = Promise.resolve({ id });
  const page = async () => {
    const setup = await requireSetup(params);
    return Promise.all([dnsPlanAndKeys(setup, { dnssec: false }), latestCheckRunOnce(id)]);
  };
  await Promise.all([layout(params), page()]);
}

async function certificateStep(id: string) {
  const { requireSetup } = await import("@/lib/setup/require-setup");
  const { acmeEnv } = await import("@/lib/acme/acme-env");
  const { certificateSummaryView, loadCertificateFrame } = await import("@/lib/acme/certificate-page-data");
  const params = Promise.resolve({ id });
  const page = async () => {
    const setup = await requireSetup(params);
    const env = acmeEnv({ NODE_ENV: "test" });
    const frame = await loadCertificateFrame(id, setup.document, env);
    // Streamed after the frame: the stored certificate's details and renewal plan.
    if (frame.hasCertificate) await certificateSummaryView(id, env);
  };
  await Promise.all([layout(params), page()]);
}

describe("queries per step request", () => {
  it("the DNS step: session, setup, latest check run, certificate, DKIM keys, ACME account", async () => {
    expect(await countRequest(() => dnsStep(setupId))).toBeLessThanOrEqual(6);
  });

  it("the Certificate step with a certificate: its frame and details", async () => {
    const { db } = await import("@/lib/db");
    const { selfSignedCertificate } = await import("@/test/mail/fixtures");
    const now = Date.now();
    await db.certificate.create({
      data: {
        setupId,
        names: '["mail.queries.example"]',
        issuer: "test",
        chainPem: selfSignedCertificate(["mail.queries.example"]).chainPem,
        secretId: "x",
        notBefore: new Date(now - 3_600_000),
        notAfter: new Date(now + 30 * 86_400_000),
      },
    });
    expect(await countRequest(() => certificateStep(setupId))).toBeLessThanOrEqual(6);
    expect(await countRequest(() => dnsStep(setupId))).toBeLessThanOrEqual(6);
  });
});
