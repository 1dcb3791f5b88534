// The wizard's own HTTPS certificate: a private CA made on first start, and a
// certificate it signs for the box's names and addresses, kept beside the
// database (every file mode 0600). The keys are kept for good, so the CA (and
// its SPKI pin) stays the same when the certificate is re-issued because an
// address changed or it nears its end: a browser told to trust the CA once
// keeps trusting the wizard.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto,
  X509Certificate,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writePrivateFile } from "./private-file.mjs";

export const CA_KEY_FILE = "https-ca.key";
export const CA_CERT_FILE = "https-ca.crt";
export const KEY_FILE = "https.key";
export const CERT_FILE = "https.crt";
const DAY = 24 * 3600 * 1000;
// Browsers refuse server certificates valid for more than 398 days; re-issued 30 days before the end.
const VALIDITY_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const CA_VALIDITY_DAYS = 20 * 365;
const EC = { name: "ECDSA", namedCurve: "P-256" };
const SIGNING = { name: "ECDSA", hash: "SHA-256" };

/**
 * @peculiar/x509 only when a certificate is made (first start, a new address, renewal): it and its
 * ASN.1 and DI libraries stayed resident in the server for nothing otherwise (about 13 MiB of RSS,
 * issue 15). Reading and checking the certificates on every start takes Node's own X509Certificate.
 */
let x509Module;
async function loadX509() {
  if (!x509Module) {
    x509Module = await import("@peculiar/x509");
    x509Module.cryptoProvider.set(webcrypto);
  }
  return x509Module;
}

const serial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");
const safeName = (s) => s.replace(/[,=+<>#;"\\]/g, "-").slice(0, 60);

/** The certificate's SHA-256 fingerprint as browsers show it (AA:BB:…), and the SPKI pin (base64 SHA-256). */
export function describeCertificate(certPem) {
  const cert = new X509Certificate(certPem);
  return { fingerprint256: cert.fingerprint256, spki256: spkiPin(cert.publicKey), validTo: new Date(cert.validTo) };
}

/** base64 SHA-256 of a public key's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
export function spkiPin(publicKey) {
  return createHash("sha256")
    .update(
      (publicKey?.type === "public" ? publicKey : createPublicKey(publicKey)).export({ type: "spki", format: "der" }),
    )
    .digest("base64");
}

/** Names (DNS) and addresses (IP) the certificate must cover. */
function covers(cert, { dns, ips }) {
  const san = cert.subjectAltName ?? "";
  const have = new Set(san.split(/,\s*/).map((s) => s.replace(/^IP Address:/, "IP:").toLowerCase()));
  const ip = (a) => (a.includes(":") ? ipv6Long(a) : a);
  return dns.every((d) => have.has(`dns:${d.toLowerCase()}`)) && ips.every((a) => have.has(`ip:${ip(a)}`));
}
// Node prints IPv6 SANs in full, e.g. 0:0:0:0:0:0:0:1
function ipv6Long(a) {
  const [head, tail = ""] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const parts = a.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return parts.map((p) => p.replace(/^0+(?=.)/, "").toLowerCase()).join(":");
}

async function webKeys(keyPem) {
  const keyObject = createPrivateKey(keyPem);
  const pkcs8 = keyObject.export({ type: "pkcs8", format: "der" });
  const spki = createPublicKey(keyObject).export({ type: "spki", format: "der" });
  return {
    privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, EC, false, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", spki, EC, true, ["verify"]),
  };
}

function newKeyPem() {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function readPrivate(file) {
  if (!fs.existsSync(file)) return null;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, "utf8");
}

async function issueCa(caKeyPem, hostname, now) {
  const x509 = await loadX509();
  const keys = await webKeys(caKeyPem);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Postwright private CA (${safeName(hostname)}), O=Postwright`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return cert.toString("pem") + "\n";
}

async function issueLeaf(keyPem, caKeyPem, caCertPem, { dns, ips }, now) {
  const x509 = await loadX509();
  const leaf = await webKeys(keyPem);
  const ca = await webKeys(caKeyPem);
  const caCert = new x509.X509Certificate(caCertPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${safeName(dns[0] ?? ips[0] ?? "postwright")}, O=Postwright`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + VALIDITY_DAYS * DAY),
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dns.map((value) => ({ type: "dns", value })),
        ...ips.map((value) => ({ type: "ip", value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(leaf.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
  return cert.toString("pem") + "\n";
}

/**
 * The key and certificate chain to serve, from `dir` (CA and certificate made
 * or re-issued as needed). `names.dns` / `names.ips`: what it must cover.
 */
export async function loadOrCreateCertificate(dir, names, now = new Date()) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (f) => path.join(dir, f);
  const hostname = names.dns[0] ?? "postwright";

  let caKey = readPrivate(file(CA_KEY_FILE));
  let caCert = readPrivate(file(CA_CERT_FILE));
  if (!caKey) {
    caKey = newKeyPem();
    writePrivateFile(file(CA_KEY_FILE), caKey);
    caCert = null;
  }
  let caOk = false;
  try {
    const c = caCert && new X509Certificate(caCert);
    caOk = !!c && c.ca && c.checkPrivateKey(createPrivateKey(caKey)) && new Date(c.validTo) > now;
  } catch {
    caOk = false;
  }
  if (!caOk) {
    caCert = await issueCa(caKey, hostname, now);
    writePrivateFile(file(CA_CERT_FILE), caCert);
  }

  let key = readPrivate(file(KEY_FILE));
  if (!key) {
    key = newKeyPem();
    writePrivateFile(file(KEY_FILE), key);
  }
  let cert = readPrivate(file(CERT_FILE));
  let fresh = false;
  try {
    const c = cert && new X509Certificate(cert);
    fresh =
      !!c &&
      caOk &&
      c.checkPrivateKey(createPrivateKey(key)) &&
      c.verify(new X509Certificate(caCert).publicKey) &&
      covers(c, names) &&
      new Date(c.validTo).getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY;
  } catch {
    fresh = false;
  }
  if (!fresh) {
    cert = await issueLeaf(key, caKey, caCert, names, now);
    writePrivateFile(file(CERT_FILE), cert);
  }
  return {
    key,
    cert: cert + caCert,
    certFile: file(CERT_FILE),
    caFile: file(CA_CERT_FILE),
    reissued: !fresh,
    caSpki256: spkiPin(caKey),
    ...describeCertificate(cert),
  };
}
