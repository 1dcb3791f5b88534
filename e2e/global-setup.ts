import fs from "node:fs";
import path from "node:path";
import { CA_CERT_FILE, CA_KEY_FILE, loadOrCreateCertificate } from "../scripts/server/certificate.mjs";
import { ensureLanAddress } from "./lan";

/**
 * Before any test: the LAN address exists, and one private CA for the run, which
 * every test server is given (as a restored backup would) and signs its own
 * certificate with. Chromium trusts that CA by its SPKI pin
 * (--ignore-certificate-errors-spki-list, fixtures.ts) and Node through
 * NODE_EXTRA_CA_CERTS, so certificate errors are never simply ignored.
 */
export default async function globalSetup() {
  ensureLanAddress();
  const dir = path.resolve(import.meta.dirname, "..", "test-results", "e2e-ca");
  fs.rmSync(dir, { recursive: true, force: true });
  const made = await loadOrCreateCertificate(dir, { dns: ["localhost"], ips: ["127.0.0.1"] });
  process.env.POSTWRIGHT_E2E_CA_DIR = dir;
  process.env.POSTWRIGHT_E2E_CA_SPKI = made.caSpki256;
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, CA_CERT_FILE);
  if (!fs.existsSync(path.join(dir, CA_KEY_FILE))) throw new Error("the e2e CA was not made");
}
