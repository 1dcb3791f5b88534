"use server";
import { z } from "zod";
import { requireSession } from "@/lib/auth/guard";
import { checkConfigFromEnv, connectKey } from "@/lib/checks/config";
import { composeDraft } from "@/lib/content-score/compose-draft";
import { scoreContent, scorerConfigFromEnv, type ContentScore } from "@/lib/content-score/score-content";
import type { FormOutcome, FormState, Text } from "@/lib/forms/form-state";
import { formTexts, textOf } from "@/lib/i18n/form-texts";
import { UnreadableMessage } from "@/lib/headers/message-headers";
import { readReceivedMessageLive } from "@/lib/headers/read-message-live";
import type { HeaderMessage, HeaderReport, HeaderVerdict } from "@/lib/headers/verdict";
import { emailField } from "@/lib/setup/schema";
import { sendTestMessage } from "@/lib/send-test/send-test-message";
import { getSetup } from "@/lib/setup/store";

interface ReceivedMessageOutcome extends FormOutcome {
  report?: HeaderReport;
  score?: ContentScore;
}

/** A report's message with its text, translated here (the browser does not get the whole catalogue). */
export type ShownHeaderMessage = HeaderMessage & { text: Text };

/** The report as its form shows it: each verdict's reason and fix with their texts. */
export interface ShownHeaderReport extends Omit<HeaderReport, "verdicts"> {
  verdicts: (Omit<HeaderVerdict, "reason" | "fix"> & { reason: ShownHeaderMessage; fix?: ShownHeaderMessage })[];
}

export interface ReceivedMessageState extends FormState {
  report?: ShownHeaderReport;
  score?: ContentScore;
}

const shown = (m: HeaderMessage): ShownHeaderMessage => ({
  ...m,
  text: textOf(`headers.messages.${m.key}`, m.params, m.key),
});

function received({ report, ...outcome }: ReceivedMessageOutcome): ReceivedMessageState {
  return {
    ...formTexts(outcome, "headers"),
    ...(report && {
      report: {
        ...report,
        verdicts: report.verdicts.map(({ reason, fix, ...v }) => ({
          ...v,
          reason: shown(reason),
          ...(fix && { fix: shown(fix) }),
        })),
      },
    }),
  };
}

const PAGE_LIMIT = 10 * 1024 * 1024;

async function scoreOrNone(message: Buffer): Promise<ContentScore> {
  try {
    return await scoreContent(message, scorerConfigFromEnv(process.env));
  } catch (e) {
    return { scorer: "none", rules: [], tried: [(e as Error).message] };
  }
}

/** Reads a received message's source (pasted or uploaded): the receiver's verdicts and Postwright's own. */
export async function readHeadersAction(
  setupId: string,
  _prev: ReceivedMessageState,
  form: FormData,
): Promise<ReceivedMessageState> {
  return received(await readHeadersActionOutcome(setupId, form));
}

async function readHeadersActionOutcome(setupId: string, form: FormData): Promise<ReceivedMessageOutcome> {
  await requireSession();
  if (!(await getSetup(setupId))) return { message: "notFound" };
  const pasted = String(form.get("source") ?? "");
  const file = form.get("file");
  const score = form.get("score") === "on";
  const values = { score };
  let source: Buffer;
  if (file instanceof File && file.size > 0) {
    if (file.size > PAGE_LIMIT) return { errors: { file: ["messageTooLarge"] }, message: "unreadableShort", values };
    source = Buffer.from(await file.arrayBuffer());
  } else if (pasted.trim()) source = Buffer.from(pasted, "utf8");
  else return { errors: { source: ["required"] }, message: "empty", values };
  let config;
  try {
    config = checkConfigFromEnv(process.env);
  } catch (e) {
    return { message: "error", params: { error: (e as Error).message }, values };
  }
  try {
    const report = await readReceivedMessageLive(source, { resolver: config.resolver, deadlineMs: config.deadlineMs });
    return { ok: true, report, ...(score ? { score: await scoreOrNone(source) } : {}), values };
  } catch (e) {
    if (e instanceof UnreadableMessage)
      return { errors: { source: ["notAMessage"] }, message: "unreadable", params: { reason: e.message }, values };
    return { message: "error", params: { error: (e as Error).message }, values };
  }
}

const draftForm = z.object({
  subject: z.string().max(998, "tooLong"),
  body: z.string().min(1, "required").max(1_000_000, "tooLong"),
});

/** Scores a draft the user types, as it would leave the server (From one of the setup's mailboxes). */
export async function scoreDraftAction(
  setupId: string,
  _prev: ReceivedMessageState,
  form: FormData,
): Promise<ReceivedMessageState> {
  return received(await scoreDraftActionOutcome(setupId, form));
}

async function scoreDraftActionOutcome(setupId: string, form: FormData): Promise<ReceivedMessageOutcome> {
  await requireSession();
  const setup = await getSetup(setupId);
  if (!setup) return { message: "notFound" };
  const values = { subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") };
  const parsed = draftForm.safeParse(values);
  if (!parsed.success)
    return {
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "draftInvalid",
      values,
    };
  const from = setup.document.mailboxes[0]?.address ?? `postmaster@${setup.document.domain}`;
  const message = await composeDraft({ from, to: from, subject: parsed.data.subject, text: parsed.data.body });
  return { ok: true, score: await scoreOrNone(message), values };
}

const sendForm = z.object({
  from: z.string(),
  password: z.string().min(1, "required").max(512, "tooLong"),
  to: emailField,
});

/** Submits a short message on the server's port 587 with a mailbox password typed now (never stored). */
export async function sendTestAction(setupId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await sendTestOutcome(setupId, form), "headers");
}

async function sendTestOutcome(setupId: string, form: FormData): Promise<FormOutcome> {
  await requireSession();
  const setup = await getSetup(setupId);
  if (!setup) return { message: "notFound" };
  const doc = setup.document;
  // The password is never echoed back.
  const values = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
  const parsed = sendForm.safeParse({ ...values, password: String(form.get("password") ?? "") });
  const errors: Record<string, string[]> = parsed.success
    ? {}
    : (z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  if (!doc.mailboxes.some((m) => m.address === values.from)) errors.from = ["mailboxUnknown"];
  if (!parsed.success || Object.keys(errors).length) return { errors, message: "sendInvalid", values };
  const ip = doc.ipv4 ?? doc.ipv6!;
  let connect = { host: ip, port: 587 };
  try {
    const map = checkConfigFromEnv(process.env).connect;
    const mapped = map[connectKey(ip, 587)] ?? map[connectKey(ip, 0)];
    if (mapped) connect = { host: mapped.host, port: mapped.port || 587 };
  } catch (e) {
    return { message: "error", params: { error: (e as Error).message }, values };
  }
  const r = await sendTestMessage({
    hostname: doc.hostname,
    connect,
    from: parsed.data.from,
    password: parsed.data.password,
    to: parsed.data.to,
  });
  if (r.ok) return { ok: true, message: "sent", params: { to: parsed.data.to, response: r.response }, values };
  return { message: `sendFailed.${r.reason}`, params: { detail: r.detail, host: doc.hostname }, values };
}
