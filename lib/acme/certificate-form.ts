import { z } from "zod";
import { acmeChallenges, acmeDirectoryKeys, tsigAlgorithms } from "@/lib/setup/options";
import type { FormOutcome, FormState, Text } from "@/lib/forms/form-state";
import type { PreflightItem } from "./preflight";
import type { PreflightLine } from "./preflight-lines";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max = 512) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, "tooLong")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "controlChars")
      .optional(),
  );

/** The Certificate step's "get a certificate" form (error messages are i18n keys of "certificate.errors"). */
export const certificateFormSchema = z
  .object({
    directory: z.enum([...acmeDirectoryKeys, "custom"], { error: "directory" }),
    customDirectory: text(),
    method: z.enum(acmeChallenges, { error: "method" }),
    email: z.preprocess(blankToUndefined, z.email({ error: "email" }).optional()),
    agreeTos: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    eabKid: text(),
    eabHmac: text(),
    rfc2136Server: text(100),
    tsigName: text(255),
    tsigAlgorithm: z.preprocess(blankToUndefined, z.enum(tsigAlgorithms, { error: "tsigAlgorithm" }).optional()),
    tsigSecret: text(),
  })
  .superRefine((v, ctx) => {
    // Every public ACME CA has terms to accept: say so before anything is sent to it.
    if (!v.agreeTos) ctx.addIssue({ code: "custom", path: ["agreeTos"], message: "agreeTos" });
    if (v.directory === "custom" && !/^https:\/\/\S+$/.test(v.customDirectory ?? ""))
      ctx.addIssue({ code: "custom", path: ["customDirectory"], message: "customDirectory" });
    if (!!v.eabKid !== !!v.eabHmac)
      ctx.addIssue({ code: "custom", path: [v.eabKid ? "eabHmac" : "eabKid"], message: "eabPair" });
    if (v.method === "dns-01-rfc2136") {
      if (!v.rfc2136Server) ctx.addIssue({ code: "custom", path: ["rfc2136Server"], message: "required" });
      if (!v.tsigName) ctx.addIssue({ code: "custom", path: ["tsigName"], message: "required" });
      if (!v.tsigSecret) ctx.addIssue({ code: "custom", path: ["tsigSecret"], message: "required" });
      else if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v.tsigSecret))
        ctx.addIssue({ code: "custom", path: ["tsigSecret"], message: "tsigSecret" });
    }
  });

export type CertificateForm = z.infer<typeof certificateFormSchema>;

/** What the start action decides: an outcome, plus the preflight failures that stopped it and the CA's terms. */
export interface StartOutcome extends FormOutcome {
  blocked?: PreflightItem[];
  termsUrl?: string | null;
}

/** What the start action returns to its form: the preflight failures as lines already translated. */
export interface StartState extends FormState {
  blocked?: PreflightLine<Text>[];
  termsUrl?: string | null;
}
