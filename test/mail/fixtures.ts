import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { setupInputSchema, withoutSecrets, type SetupDocument, type SetupInput } from "@/lib/setup/schema";
import { ed25519Selector } from "@/lib/dkim/selector-names";
import type { DkimKeyInput, MailInputs } from "@/lib/mailconf/mail-inputs";

export type Variant =
  | "direct-v4-rsa"
  | "direct-v6-both"
  | "relay-587"
  | "relay-465"
  | "direct-v6only-rsa"
  /** An international domain, POP3S and greylisting on, role mail to bob */
  | "idn-extras";

export const VARIANTS: Variant[] = [
  "direct-v4-rsa",
  "direct-v6-both",
  "relay-587",
  "relay-465",
  "direct-v6only-rsa",
  "idn-extras",
];

/** The setup's domain as typed, and in the ASCII form the document stores. */
export const IDN_DOMAIN = { unicode: "élodie-mail.test", ascii: "xn--lodie-mail-96a.test" };
export const domainOf = (variant: Variant) => (variant === "idn-extras" ? IDN_DOMAIN.ascii : "example.test");

export const PASSWORDS = { alice: "alice-password-123", bob: "bob-password-4567", relay: "relay pass:with#odd$chars" };

export function setupInput(variant: Variant, overrides: Partial<SetupInput> = {}): SetupInput {
  return {
    domain: variant === "idn-extras" ? IDN_DOMAIN.unicode : "example.test",
    hostname: `mail.${domainOf(variant)}`,
    ipv4: variant === "direct-v6only-rsa" ? undefined : "192.0.2.25",
    ipv6: variant.includes("v6") ? "2001:db8::25" : undefined,
    adminEmail: `alice@${domainOf(variant)}`,
    delivery:
      variant === "relay-587"
        ? { mode: "relay", host: "smtp.relay.test", port: 587, username: "relay-user@example.test" }
        : variant === "relay-465"
          ? { mode: "relay", host: "smtp.relay.test", port: 465, username: "relay-user" }
          : { mode: "direct" },
    dkim: { selector: "pw1", algorithms: variant === "direct-v6-both" ? ["rsa-2048", "ed25519"] : ["rsa-2048"] },
    mailboxes: [{ address: `alice@${domainOf(variant)}` }, { address: `bob@${domainOf(variant)}` }],
    aliases: [{ from: `info@${domainOf(variant)}`, to: `bob@${domainOf(variant)}` }],
    ...(variant === "idn-extras"
      ? { roleMailbox: `bob@${IDN_DOMAIN.unicode}`, pop3s: true, inbound: { greylisting: true } }
      : {}),
    ...overrides,
  };
}

export function setupDocument(variant: Variant, overrides: Partial<SetupInput> = {}): SetupDocument {
  return withoutSecrets(setupInputSchema.parse(setupInput(variant, overrides)));
}

const keyCache = new Map<string, { privateKeyPem: string; publicKeyDer: Buffer }>();

/** A DKIM key pair (one per algorithm and test process, for speed), PEM PKCS#8. */
export function dkimKey(algorithm: "rsa-2048" | "ed25519") {
  const id = algorithm;
  if (!keyCache.has(id)) {
    const pair =
      algorithm === "rsa-2048" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ed25519");
    keyCache.set(id, {
      privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyDer: pair.publicKey.export({ type: "spki", format: "der" }),
    });
  }
  return keyCache.get(id)!;
}

/** One selector per algorithm, as the DNS plan names them: "pw1" (RSA) and "pw1e" (Ed25519). */
export function dkimKeysFor(doc: SetupDocument): (DkimKeyInput & { publicKeyDer: Buffer })[] {
  return doc.dkim.algorithms.map((algorithm) => {
    const selector = algorithm === "rsa-2048" ? doc.dkim.selector : ed25519Selector(doc.dkim.selector);
    const k = dkimKey(algorithm);
    return { selector, algorithm, privateKeyPem: k.privateKeyPem, publicKeyDer: k.publicKeyDer };
  });
}

/** The p= value of a DKIM record: SPKI for RSA, the raw 32 bytes for Ed25519 (RFC 8463). */
export function dkimPublicValue(k: { algorithm: string; publicKeyDer: Buffer }): string {
  return (k.algorithm === "ed25519" ? k.publicKeyDer.subarray(-32) : k.publicKeyDer).toString("base64");
}

const hashCache = new Map<string, string>();
export function bcryptHash(password: string): string {
  if (!hashCache.has(password)) hashCache.set(password, bcrypt.hashSync(password, 10).replace(/^\$2a\$/, "$2b$"));
  return hashCache.get(password)!;
}

/** A self-signed certificate for the mail host name (openssl). */
export function selfSignedCertificate(names: string[]): { chainPem: string; privateKeyPem: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "30",
        "-subj",
        `/CN=${names[0]}`,
        "-addext",
        `subjectAltName=${names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(",")}`,
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      chainPem: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
      privateKeyPem: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function mailInputs(variant: Variant, extra: Partial<MailInputs> = {}): MailInputs {
  const doc = extra.doc ?? setupDocument(variant);
  return {
    doc,
    dkimKeys: dkimKeysFor(doc).map(({ selector, algorithm, privateKeyPem }) => ({
      selector,
      algorithm,
      privateKeyPem,
    })),
    mailboxes: [
      { address: `alice@${doc.domain}`, passwordHash: bcryptHash(PASSWORDS.alice) },
      { address: `bob@${doc.domain}`, passwordHash: bcryptHash(PASSWORDS.bob) },
    ],
    relayPassword: doc.delivery.mode === "relay" ? PASSWORDS.relay : undefined,
    ...extra,
  };
}
