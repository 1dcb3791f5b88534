import { z } from "zod";
import { emailDomain, isInZone, toAsciiEmail, toAsciiHostname } from "./names";
import { parsePublicIPv4, parsePublicIPv6 } from "./addresses";
import { valueProblem } from "@/lib/mailconf/config-value";

// Issue messages are i18n keys under "errors." in messages/*.json (see lib/i18n/errors.ts).

export const hostnameField = z.string().transform((v, ctx) => {
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

export const ipv4Field = z.string().transform((v, ctx) => {
  const r = parsePublicIPv4(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.problem === "invalid" ? "ipv4" : "ipv4NotPublic" });
    return z.NEVER;
  }
  return r.value;
});

export const ipv6Field = z.string().transform((v, ctx) => {
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
export const passwordField = z
  .string()
  .min(10, "passwordShort")
  .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_MAILBOX_PASSWORD_BYTES, "passwordBytes")
  .refine((v) => !CONTROL.test(v), "controlChars");

export const selectorField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "selector");

export const dkimAlgorithms = ["rsa-2048", "ed25519"] as const;
export const dkimSchema = z.object({
  selector: selectorField.default("pw1"),
  algorithms: z
    .union([z.tuple([z.literal("rsa-2048")]), z.tuple([z.literal("rsa-2048"), z.literal("ed25519")])], {
      error: "dkimAlgorithms",
    })
    .default(["rsa-2048"]),
});

export const dmarcPolicies = ["none", "quarantine", "reject"] as const;
export const mtaStsModes = ["none", "testing", "enforce"] as const;

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

/** Relay user names are e-mail addresses or API key ids: nothing a map, a shell or a config file gives meaning to. */
export const relayUsernameField = secretTextField.refine((v) => /^[A-Za-z0-9._@+-]+$/.test(v), "relayUsername");

export const deliverySchema = z.discriminatedUnion(
  "mode",
  [
    z.object({ mode: z.literal("direct") }),
    z.object({
      mode: z.literal("relay"),
      host: relayHostField,
      port: portField.default(587),
      username: relayUsernameField,
      /** Only on input; stored as a secret, never exported. */
      password: secretTextField.optional(),
      /** The relay provider's SPF include domain (its documentation gives it), for the domain's SPF record. */
      spfInclude: optionalText(hostnameField),
    }),
  ],
  { error: "deliveryMode" },
);

export const mailboxSchema = z.object({
  address: emailField,
  /** Only on input; stored as a hash, never exported. Empty keeps the stored one. */
  password: optionalText(passwordField),
});

export const aliasSchema = z.object({ from: emailField, to: emailField });

export const acmeDirectories = {
  letsencrypt: "https://acme-v02.api.letsencrypt.org/directory",
  "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
  zerossl: "https://acme.zerossl.com/v2/DV90",
} as const;
export const acmeChallenges = ["dns-01-manual", "dns-01-rfc2136", "http-01"] as const;

export const acmeSchema = z.object({
  /** A key of acmeDirectories, or any https directory URL. */
  directory: z
    .string()
    .trim()
    .refine((v) => Object.hasOwn(acmeDirectories, v) || /^https:\/\/[^\s]+$/.test(v), "acmeDirectory")
    .default("letsencrypt"),
  email: optionalText(emailField),
  challenge: z.enum(acmeChallenges).default("dns-01-manual"),
});

/** The fields of the Setup document as a person types or imports them. */
const setupShape = {
  domain: hostnameField,
  hostname: optionalText(hostnameField),
  ipv4: optionalText(ipv4Field),
  ipv6: optionalText(ipv6Field),
  adminEmail: emailField,
  delivery: deliverySchema.default({ mode: "direct" }),
  dkim: dkimSchema.default({ selector: "pw1", algorithms: ["rsa-2048"] }),
  dmarc: z
    .object({ policy: z.enum(dmarcPolicies).default("quarantine"), reportEmail: optionalText(emailField) })
    .default({ policy: "quarantine" }),
  mtaSts: z.object({ mode: z.enum(mtaStsModes).default("testing") }).default({ mode: "testing" }),
  mailboxes: z.array(mailboxSchema).max(500, "tooMany").default([]),
  aliases: z.array(aliasSchema).max(1000, "tooMany").default([]),
  acme: acmeSchema.default({ directory: "letsencrypt", challenge: "dns-01-manual" }),
};

/** Cross-field rules and defaults that depend on the domain. */
function finish<T extends z.infer<z.ZodObject<typeof setupShape>>>(doc: T, ctx: z.RefinementCtx) {
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
  return {
    ...doc,
    hostname,
    dmarc: { ...doc.dmarc, reportEmail: doc.dmarc.reportEmail ?? `postmaster@${doc.domain}` },
  };
}

/** Input form: what `import` and the forms accept (passwords allowed). */
export const setupInputSchema = z.object(setupShape).strict().transform(finish);

export type SetupInput = z.input<typeof setupInputSchema>;
export type SetupWithSecrets = z.output<typeof setupInputSchema>;

/** The stored and exported document: the same, with every secret removed. */
export type SetupDocument = Omit<SetupWithSecrets, "mailboxes" | "delivery"> & {
  mailboxes: { address: string }[];
  delivery: { mode: "direct" } | { mode: "relay"; host: string; port: number; username: string; spfInclude?: string };
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
            ...(delivery.spfInclude ? { spfInclude: delivery.spfInclude } : {}),
          }
        : { mode: "direct" },
  };
}

/** Parses a stored document (already validated when it was saved). */
export function parseStoredDocument(json: string): SetupDocument {
  return withoutSecrets(setupInputSchema.parse(JSON.parse(json)));
}

/** The JSON Schema of the Setup document as accepted by import. */
export function setupJsonSchema(): object {
  return z.toJSONSchema(z.object(setupShape).strict(), { io: "input", unrepresentable: "any" });
}
