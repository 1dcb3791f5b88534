import { tempDbDir } from "@/test/temp-db";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveSetup } from "@/lib/setup/store";
import { stepProgress } from "./step-progress";

afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

const day = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const at = (days: number) => new Date(now.getTime() + days * day);

describe("stepProgress: the Certificate step", () => {
  it("is done while any stored certificate is valid, even when the newest one has expired", async () => {
    const saved = await saveSetup({ domain: "progress.example", ipv4: "192.0.2.91", adminEmail: "a@progress.example" });
    if (!saved.ok) throw new Error(saved.reason);
    const setup = saved.setup;
    const certificate = (notBefore: Date, notAfter: Date) =>
      db.certificate.create({
        data: { setupId: setup.id, names: "[]", issuer: "test", chainPem: "", secretId: "x", notBefore, notAfter },
      });
    expect(await stepProgress(setup, now)).not.toContain("certificate");

    await certificate(at(-30), at(60)); // a 90-day certificate
    expect(await stepProgress(setup, now)).toContain("certificate");

    await certificate(at(-7), at(-1)); // a newer, short-lived one, already expired
    expect(await stepProgress(setup, now)).toContain("certificate");

    expect(await stepProgress(setup, at(61))).not.toContain("certificate");
  });
});
