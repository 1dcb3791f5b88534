import { z } from "zod";
import { parseProviderDkim, type ProviderDkimRecord } from "@/lib/relay/provider-dkim";
import { findRelayPreset, relayPresetIds } from "@/lib/relay/presets";
import { emailDomain, isInZone, toAsciiEmail, toAsciiHostname } from "./names";
import { parsePublicIPv4, parsePublicIPv6 } from "./addresses";
import {
  acmeChallenges,
  DEFAULT_ACME_CHALLENGE,
  DEFAULT_ACME_DIRECTORY,
  DEFAULT_DKIM_SELECTOR,
  DEFAULT_DMARC_POLICY,
  DEFAULT_MTA_STS_MODE,
  DEFAULT_RELAY_PORT,
  dmarcPolicies,
  isAcmeDirectoryKey,
  mtaStsModes,
} from "./options";
import { valueProblem } from "@/lib/mailconf/config-value";

// Issue messages are i18n keys under "errors." in messages/*/errors.json (lib/i18n/issues.ts turns them into text).

const hostnameField = z.string().transform((v, ctx) => {
  const ascii = toAsciiHostname(v);
  if (!ascii) {
    ctx.addIssue({ code: "custom", message: "hostname" });
    return z.NEVER;
  }
  return ascii;
});

export const emailField = z.string().transform((v, ctx) => {
  const ascii = toAsciiEmail(v);
  if (!ascii) {
    ctx.addIssue({ code: "custom", message: "email" });
    return z.NEVER;
  }
  return ascii;
});

const optionalText = (schema: z.ZodType<string | undefined, string>) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const ipv4Field = z.string().transform((v, ctx) => {
  const r = parsePublicIPv4(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.problem === "invalid" ? "ipv4" : "ipv4NotPublic" });
    return z.NEVER;
  }
  return r.value;
});

const ipv6Field = z.string().transform((v, ctx) => {
  const r = parsePublicIPv6(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.problem === "invalid" ? "ipv6" : "ipv6NotPublic" });
    return z.NEVER;
  }
  return r.value;
});

/**
 * Free text that reaches a configuration file (relay password): refused here by
 * the same guard the bundle applies (lib/mailconf/config-value.ts), so nothing
 * saved can be refused later: no control characters (C0, C1, line separators),
 * no white space at either end.
 */
export const secretTextField = z
  .string()
  .min(1, "required")
  .max(512, "tooLong")
  .superRefine((v, ctx) => {
    if (!valueProblem("secret", v)) return;
    ctx.addIssue({ code: "custom", message: v !== v.trim() && !CONTROL.test(v) ? "edgeSpaces" : "controlChars" });
  });
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** bcrypt (the mailbox hash Dovecot checks) keeps the first 72 bytes of a password and ignores the rest. */
export const MAX_MAILBOX_PASSWORD_BYTES = 72;
const passwordField = z
  .string()
  .min(10, "passwordShort")
  .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_MAILBOX_PASSWORD_BYTES, "passwordBytes")
  .refine((v) => !CONTROL.test(v), "controlChars");

export const selectorField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "selector");

const dkimSchema = z.object({
  selector: selectorField.default(DEFAULT_DKIM_SELECTOR),
  algorithms: z
    .union([z.tuple([z.literal("rsa-2048")]), z.tuple([z.literal("rsa-2048"), z.literal("ed25519")])], {
      error: "dkimAlgorithms",
    })
    .default(["rsa-2048"]),
});

export const relayHostField = z.string().transform((v, ctx) => {
  const t = v.trim().replace(/^\[|\]$/g, "");
  const ok = toAsciiHostname(t) ?? (parsePublicIPv4(t).ok ? t : null);
  if (!ok) {
    ctx.addIssue({ code: "custom", message: "relayHost" });
    return z.NEVER;
  }
  return ok;
});

export const portField = z.coerce.number({ error: "port" }).int("port").min(1, "port").max(65535, "port");

/**
 * The SHA-256 fingerprint of a relay's certificate (or of its public key), as
 * `openssl x509 -noout -fingerprint -sha256` prints it: 32 bytes in hex, colons
 * optional. Stored as Postfix's smtp_tls_fingerprint_cert_match wants it.
 */
export const fingerprintField = z.string().transform((v, ctx) => {
  const hex = v
    .trim()
    .replace(/^sha256\s*fingerprint\s*=\s*/i, "")
    .replace(/[:\s]/g, "")
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    ctx.addIssue({ code: "custom", message: "fingerprint" });
    return z.NEVER;
  }
  return hex.match(/../g)!.join(":");
});

/** An SPF include domain: a DNS name, whose labels may start with "_" ("_spf.google.com"). */
export const spfIncludeField = z.string().transform((v, ctx) => {
  const t = v.trim().toLowerCase().replace(/\.$/, "");
  const ok = t.length <= 253 && /^([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(t);
  if (!ok) {
    ctx.addIssue({ code: "custom", message: "spfInclude" });
    return z.NEVER;
  }
  return t;
});

/** A DNS record the relay provider asks for so it can sign as the domain (lib/relay/provider-dkim). */
export const providerDkimRecordSchema = z
  .object({ name: z.string(), type: z.enum(["CNAME", "TXT"]), value: z.string() })
  .strict()
  .transform((r, ctx) => {
    const line = `${r.name} ${r.type} ${r.value}`;
    const { records, problems } = CONTROL.test(line) ? { records: [], problems: [1] } : parseProviderDkim(line);
    if (records.length !== 1 || problems.length) {
      ctx.addIssue({ code: "custom", message: "providerDkim" });
      return z.NEVER;
    }
    return records[0];
  });

/** Relay user names are e-mail addresses or API key ids: nothing a map, a shell or a config file gives meaning to. */
export const relayUsernameField = secretTextField.refine((v) => /^[A-Za-z0-9._@+-]+$/.test(v), "relayUsername");

const deliverySchema = z.discriminatedUnion(
  "mode",
  [
    z.object({ mode: z.literal("direct") }),
    z.object({
      mode: z.literal("relay"),
      host: relayHostField,
      port: portField.default(DEFAULT_RELAY_PORT),
      username: relayUsernameField,
      /** Only on input; stored as a secret, never exported. */
      password: secretTextField.optional(),
      /** The relay provider this follows (lib/relay/presets); absent for a relay of the user's own. */
      preset: z.enum(relayPresetIds as [string, ...string[]], { error: "relayPreset" }).optional(),
      /** The preset's region (Amazon SES). */
      region: optionalText(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "relayRegion")),
      /** The provider's own DKIM records for the domain (CNAMEs to its keys, or a TXT key), published with the plan. */
      providerDkim: z.array(providerDkimRecordSchema).max(10, "tooMany").optional(),
      /** The relay provider's SPF include domain (its documentation gives it), for the domain's SPF record. */
      spfInclude: optionalText(spfIncludeField),
      /**
       * Pins the relay's certificate: Postfix then checks this fingerprint instead of
       * the CA chain and name (for a relay with a self-signed certificate, or an IP).
       */
      tlsFingerprint: optionalText(fingerprintField),
    }),
  ],
  { error: "deliveryMode" },
);

const mailboxSchema = z.object({
  address: emailField,
  /** Only on input; stored as a hash, never exported. Empty keeps the stored one. */
  password: optionalText(passwordField),
});

const aliasSchema = z.object({ from: emailField, to: emailField });

export const acmeSchema = z.object({
  /** A key of acmeDirectories (lib/setup/options.ts), or any https directory URL. */
  directory: z
    .string()
    .trim()
    .refine((v) => isAcmeDirectoryKey(v) || /^https:\/\/[^\s]+$/.test(v), "acmeDirectory")
    .default(DEFAULT_ACME_DIRECTORY),
  email: optionalText(emailField),
  challenge: z.enum(acmeChallenges).default(DEFAULT_ACME_CHALLENGE),
});

/** The fields of the Setup document as a person types or imports them. */
/** The Domain step's part of the document: the domain, its host and addresses, mailboxes and policies. */
export const domainStepShape = {
  domain: hostnameField,
  hostname: optionalText(hostnameField),
  ipv4: optionalText(ipv4Field),
  ipv6: optionalText(ipv6Field),
  adminEmail: emailField,
  dkim: dkimSchema.default({ selector: DEFAULT_DKIM_SELECTOR, algorithms: ["rsa-2048"] }),
  dmarc: z
    .object({ policy: z.enum(dmarcPolicies).default(DEFAULT_DMARC_POLICY), reportEmail: optionalText(emailField) })
    .default({ policy: DEFAULT_DMARC_POLICY }),
  mtaSts: z.object({ mode: z.enum(mtaStsModes).default(DEFAULT_MTA_STS_MODE) }).default({ mode: DEFAULT_MTA_STS_MODE }),
  mailboxes: z.array(mailboxSchema).max(500, "tooMany").default([]),
  aliases: z.array(aliasSchema).max(1000, "tooMany").default([]),
  /** Where postmaster@, abuse@, root@, the report address and the admin address deliver; default: the first mailbox. */
  roleMailbox: optionalText(emailField),
  /** POP3 over TLS (995) besides IMAPS. */
  pop3s: z.boolean().default(false),
  /** Inbound filtering: greylisting (needs Redis on the box). SPF, DKIM, DMARC and spam scoring are always on. */
  inbound: z.object({ greylisting: z.boolean().default(false) }).default({ greylisting: false }),
};

/**
 * The Setup document, composed of each step's part: the Domain step's fields,
 * the delivery (direct, or the relay of the Network step and its SPF include
 * from the DNS step) and the Certificate step's ACME choices.
 */
const { domain, hostname, ipv4, ipv6, adminEmail, ...policies } = domainStepShape;
const setupShape = {
  // The order of the stored and exported JSON.
  ...{ domain, hostname, ipv4, ipv6, adminEmail },
  delivery: deliverySchema.default({ mode: "direct" }),
  ...policies,
  acme: acmeSchema.default({ directory: DEFAULT_ACME_DIRECTORY, challenge: DEFAULT_ACME_CHALLENGE }),
};

/** Cross-field rules and defaults that depend on the domain. */
function finish<T extends z.infer<z.ZodObject<typeof setupShape>>>(doc: T, ctx: z.RefinementCtx, refuse = true) {
  const hostname = doc.hostname ?? `mail.${doc.domain}`;
  if (!doc.ipv4 && !doc.ipv6) ctx.addIssue({ code: "custom", path: ["ipv4"], message: "ipRequired" });
  const seen = new Set<string>();
  doc.mailboxes.forEach((m, i) => {
    if (emailDomain(m.address) !== doc.domain)
      ctx.addIssue({ code: "custom", path: ["mailboxes", i, "address"], message: "mailboxDomain" });
    if (seen.has(m.address)) ctx.addIssue({ code: "custom", path: ["mailboxes", i, "address"], message: "duplicate" });
    seen.add(m.address);
  });
  doc.aliases.forEach((a, i) => {
    if (!isInZone(emailDomain(a.from), doc.domain))
      ctx.addIssue({ code: "custom", path: ["aliases", i, "from"], message: "aliasDomain" });
    if (seen.has(a.from)) ctx.addIssue({ code: "custom", path: ["aliases", i, "from"], message: "duplicate" });
    seen.add(a.from);
  });
  const reportEmail = doc.dmarc.reportEmail ?? `postmaster@${doc.domain}`;
  // Rules added after documents were first stored: a stored document is read without them
  // (parseStoredDocument) and meets them at its next save.
  if (refuse) refuseBouncingAddresses(doc, ctx);
  return { ...doc, hostname, dmarc: { ...doc.dmarc, reportEmail } };
}

/**
 * Where role mail (postmaster@, abuse@, root@, the report and admin addresses) is
 * delivered: the chosen mailbox, else the first one, else the admin's address when it is
 * outside the domain (forwarded); null when nothing can take it.
 */
export function roleMailboxOf(doc: {
  domain: string;
  adminEmail: string;
  roleMailbox?: string;
  mailboxes: { address: string }[];
}): string | null {
  const outside = !isInZone(emailDomain(doc.adminEmail), doc.domain);
  return doc.roleMailbox ?? doc.mailboxes[0]?.address ?? (outside ? doc.adminEmail : null);
}

/**
 * Every address the setup publishes or answers for must deliver somewhere real:
 * role mail to a mailbox of the setup (or outside the domain), aliases that stay in
 * the domain to a mailbox; otherwise the message is accepted, then bounced to a
 * sender who may be forged (backscatter). A relay named by IP can only be trusted by fingerprint.
 */
function refuseBouncingAddresses(doc: z.infer<z.ZodObject<typeof setupShape>>, ctx: z.RefinementCtx) {
  const mailboxes = new Set(doc.mailboxes.map((m) => m.address));
  // No mailbox and an in-domain admin leaves nothing to take postmaster@: the Domain form
  // refuses that (lib/setup/domain-form.ts); a document imported as a draft may come first.
  const inDomain = (a: string) => isInZone(emailDomain(a), doc.domain);
  if (doc.roleMailbox && !mailboxes.has(doc.roleMailbox) && inDomain(doc.roleMailbox))
    ctx.addIssue({ code: "custom", path: ["roleMailbox"], message: "roleMailbox" });
  const aliasTargets = new Map(doc.aliases.map((a) => [a.from, a.to]));
  doc.aliases.forEach((a, i) => {
    let to = a.to;
    for (let hops = 0; hops < 10 && !mailboxes.has(to) && aliasTargets.has(to); hops++) to = aliasTargets.get(to)!;
    if (!mailboxes.has(to) && inDomain(to))
      ctx.addIssue({ code: "custom", path: ["aliases", i, "to"], message: "aliasTarget" });
  });
  if (doc.delivery.mode === "relay" && doc.delivery.preset) {
    const preset = findRelayPreset(doc.delivery.preset);
    if (preset?.regions && !preset.regions.includes(doc.delivery.region ?? ""))
      ctx.addIssue({ code: "custom", path: ["delivery", "region"], message: "relayRegion" });
  }
  if (doc.delivery.mode === "relay" && /^[\d.]+$/.test(doc.delivery.host) && !doc.delivery.tlsFingerprint)
    ctx.addIssue({ code: "custom", path: ["delivery", "tlsFingerprint"], message: "relayIpNeedsFingerprint" });
}

/** Input form: what `import` and the forms accept (passwords allowed). */
export const setupInputSchema = z
  .object(setupShape)
  .strict()
  .transform((doc, ctx) => finish(doc, ctx));
const storedDocumentSchema = z
  .object(setupShape)
  .strict()
  .transform((doc, ctx) => finish(doc, ctx, false));

export type SetupInput = z.input<typeof setupInputSchema>;
export type SetupWithSecrets = z.output<typeof setupInputSchema>;

/** The stored and exported document: the same, with every secret removed. */
export type SetupDocument = Omit<SetupWithSecrets, "mailboxes" | "delivery"> & {
  mailboxes: { address: string }[];
  delivery:
    | { mode: "direct" }
    | {
        mode: "relay";
        host: string;
        port: number;
        username: string;
        preset?: string;
        region?: string;
        providerDkim?: ProviderDkimRecord[];
        spfInclude?: string;
        tlsFingerprint?: string;
      };
};

/** Drops the secrets (mailbox and relay passwords) from a parsed document. */
export function withoutSecrets(doc: SetupWithSecrets): SetupDocument {
  const { mailboxes, delivery, ...rest } = doc;
  return {
    ...rest,
    mailboxes: mailboxes.map(({ address }) => ({ address })),
    delivery:
      delivery.mode === "relay"
        ? {
            mode: "relay",
            host: delivery.host,
            port: delivery.port,
            username: delivery.username,
            ...(delivery.preset ? { preset: delivery.preset } : {}),
            ...(delivery.region ? { region: delivery.region } : {}),
            ...(delivery.providerDkim?.length ? { providerDkim: delivery.providerDkim } : {}),
            ...(delivery.spfInclude ? { spfInclude: delivery.spfInclude } : {}),
            ...(delivery.tlsFingerprint ? { tlsFingerprint: delivery.tlsFingerprint } : {}),
          }
        : { mode: "direct" },
  };
}

/** Parses a stored document (already validated when it was saved). */
export function parseStoredDocument(json: string): SetupDocument {
  return withoutSecrets(storedDocumentSchema.parse(JSON.parse(json)));
}

/** The JSON Schema of the Setup document as accepted by import. */
export function setupJsonSchema(): object {
  return z.toJSONSchema(z.object(setupShape).strict(), { io: "input", unrepresentable: "any" });
}
