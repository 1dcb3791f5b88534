import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ariCertId, daysLeft, defaultRenewalTime, planRenewal } from "./renewal-window";

const DAY = 86_400_000;

function makeCert(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-ari-"));
  try {
    const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    run([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-subj",
      "/CN=ca",
      "-days",
      "2",
    ]);
    run([
      "req",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "leaf.key",
      "-out",
      "leaf.csr",
      "-subj",
      "/CN=leaf",
    ]);
    fs.writeFileSync(path.join(dir, "ext"), "authorityKeyIdentifier=keyid\n");
    run([
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-set_serial",
      "0x87654321",
      "-days",
      "1",
      "-extfile",
      "ext",
      "-out",
      "leaf.pem",
    ]);
    const ski = execFileSync("openssl", ["x509", "-in", "ca.pem", "-noout", "-ext", "subjectKeyIdentifier"], {
      cwd: dir,
      encoding: "utf8",
    });
    return JSON.stringify({
      leaf: fs.readFileSync(path.join(dir, "leaf.pem"), "utf8"),
      ski: ski.split("\n")[1].trim().replace(/:/g, ""),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("renewal window", () => {
  it("renews a 90-day certificate 30 days before expiry, a 6-day one 2 days before", () => {
    const notBefore = new Date("2026-01-01T00:00:00Z");
    expect(defaultRenewalTime({ notBefore, notAfter: new Date(notBefore.getTime() + 90 * DAY) })).toEqual(
      new Date(notBefore.getTime() + 60 * DAY),
    );
    expect(defaultRenewalTime({ notBefore, notAfter: new Date(notBefore.getTime() + 6 * DAY) })).toEqual(
      new Date(notBefore.getTime() + 4 * DAY),
    );
    expect(daysLeft(new Date(notBefore.getTime() + 90 * DAY), notBefore)).toBe(90);
  });

  it("builds the ARI certificate id from the AKI and the serial (leading zero kept)", () => {
    const { leaf, ski } = JSON.parse(makeCert());
    expect(ariCertId(leaf)).toBe(
      `${Buffer.from(ski, "hex").toString("base64url")}.${Buffer.from("0087654321", "hex").toString("base64url")}`,
    );
  });

  it("follows the CA's ARI window when there is one, else the lifetime rule", async () => {
    const { leaf } = JSON.parse(makeCert());
    const notBefore = new Date("2026-01-01T00:00:00Z");
    const cert = { chainPem: leaf, notBefore, notAfter: new Date(notBefore.getTime() + 90 * DAY) };
    const now = new Date(notBefore.getTime() + 10 * DAY);
    const early = await planRenewal(cert, now, async () => ({
      start: new Date(notBefore.getTime() + 5 * DAY),
      end: new Date(notBefore.getTime() + 6 * DAY),
    }));
    expect(early).toMatchObject({ source: "ari", due: true, daysLeft: 80 });
    const none = await planRenewal(cert, now, async () => null);
    expect(none).toMatchObject({ source: "lifetime", due: false });
    expect(none.renewAt).toEqual(new Date(notBefore.getTime() + 60 * DAY));
  });
});
