import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  CERT_FILE,
  KEY_FILE,
  loadOrCreateCertificate,
} from "../../scripts/server/certificate.mjs";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pw-cert-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const names = { dns: ["box", "box.local", "localhost"], ips: ["127.0.0.1", "192.168.1.20", "::1"] };

describe("the wizard's own certificate", () => {
  it("is made once, private, and verifies against its CA for the box's names", async () => {
    const dir = tmp();
    const a = await loadOrCreateCertificate(dir, names);
    expect(a.reissued).toBe(true);
    for (const f of [CA_KEY_FILE, CA_CERT_FILE, KEY_FILE, CERT_FILE])
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(a.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const b = await loadOrCreateCertificate(dir, names);
    expect(b.reissued).toBe(false);
    expect(b.fingerprint256).toBe(a.fingerprint256);

    // A real TLS client that trusts only the CA accepts it for the LAN address.
    const server = https.createServer({ key: a.key, cert: a.cert }, (_q, s) => s.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const ca = fs.readFileSync(path.join(dir, CA_CERT_FILE));
    const get = (servername: string) =>
      new Promise<string>((resolve, reject) =>
        https
          .get({ host: "127.0.0.1", port, ca, servername, headers: { host: servername } }, (res) => {
            res.setEncoding("utf8");
            let body = "";
            res.on("data", (d) => (body += d));
            res.on("end", () => resolve(body));
          })
          .on("error", reject),
      );
    try {
      expect(await get("box.local")).toBe("ok");
      await expect(get("evil.test")).rejects.toThrow(/altnames|does not match/i);
    } finally {
      server.close();
    }
  });

  it("re-issues for a new address with the same CA (the pin holds), and tightens loose files", async () => {
    const dir = tmp();
    const a = await loadOrCreateCertificate(dir, names);
    fs.chmodSync(path.join(dir, CERT_FILE), 0o644);
    fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
    const b = await loadOrCreateCertificate(dir, { ...names, ips: [...names.ips, "10.0.0.7"] });
    expect(b.reissued).toBe(true);
    expect(b.caSpki256).toBe(a.caSpki256);
    expect(b.fingerprint256).not.toBe(a.fingerprint256);
    expect(fs.statSync(path.join(dir, CERT_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it("is re-issued 30 days before it ends", async () => {
    const dir = tmp();
    const a = await loadOrCreateCertificate(dir, names, new Date("2026-01-01"));
    expect((await loadOrCreateCertificate(dir, names, new Date("2026-12-01"))).reissued).toBe(false);
    const late = await loadOrCreateCertificate(dir, names, new Date("2027-01-10"));
    expect(late.reissued).toBe(true);
    expect(late.caSpki256).toBe(a.caSpki256);
  });
});
