"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ReceivedMessageState, ShownHeaderMessage, ShownHeaderReport } from "@/app/setups/[id]/status/actions";
import type { ContentScore } from "@/lib/content-score/score-content";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { useText } from "@/lib/i18n/use-text";
import { stepHref } from "@/lib/setup/steps";

type Action<S> = (prev: S, form: FormData) => Promise<S>;

const statusClass: Record<string, string> = {
  pass: "text-green-800",
  fail: "text-red-700",
  permerror: "text-red-700",
  softfail: "text-amber-800",
  temperror: "text-amber-800",
  neutral: "text-slate-700",
  none: "text-slate-600",
};

function Message({ m }: { m: ShownHeaderMessage }) {
  const show = useText();
  return <>{show(m.text)}</>;
}

function Report({ setupId, report }: { setupId: string; report: ShownHeaderReport }) {
  const t = useTranslations("headers");
  return (
    <div className="space-y-3" aria-live="polite">
      <p className="text-sm text-slate-700">
        {t("summary", {
          receiver: report.receiver,
          ip: report.sendingIp ?? "?",
          from: report.from,
          envelope: report.envelopeFrom ?? "?",
        })}
      </p>
      <p className={report.dmarcPassed ? "font-medium text-green-800" : "font-medium text-red-700"} role="status">
        {t(report.dmarcPassed ? "dmarcPassed" : "dmarcFailed", { domain: report.fromDomain })}
      </p>
      <ul className="space-y-2">
        {report.verdicts.map((v, i) => (
          <li key={i} className="rounded border border-slate-200 p-3 text-sm">
            <p>
              <span className="font-mono font-bold uppercase">{v.mechanism}</span>{" "}
              <span className="text-slate-600">({t(`sources.${v.source}`)})</span>{" "}
              <span className={`font-medium ${statusClass[v.status]}`}>{t(`statuses.${v.status}`)}</span>
            </p>
            <p className="mt-1 break-words">
              <Message m={v.reason} />
            </p>
            {v.fix && v.status !== "pass" && (
              <p className="mt-1 break-words text-slate-800">
                → <Message m={v.fix} />{" "}
                {v.fix.step && (
                  <Link className="underline" href={stepHref(setupId, v.fix.step)}>
                    {t("fixLink", { step: t(`steps.${v.fix.step}`) })}
                  </Link>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Score({ score }: { score: ContentScore }) {
  const t = useTranslations("headers.score");
  if (score.scorer === "none")
    return (
      <div className="space-y-1 text-sm" role="status">
        <p className="font-medium">{t("none")}</p>
        <ul className="list-disc pl-5 text-slate-600">
          {score.tried.map((x) => (
            <li key={x} className="break-words">
              {x}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="space-y-2 text-sm" role="status">
      <p className="font-medium">
        {t("result", {
          scorer: score.scorer === "rspamd" ? "rspamd" : "SpamAssassin",
          score: score.score ?? 0,
          threshold: score.threshold ?? 0,
          verdict: t(`verdicts.${score.verdict ?? "clean"}`),
        })}
      </p>
      {score.rules.length > 0 && (
        <table className="w-full text-left">
          <caption className="sr-only">{t("rulesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("points")}</th>
              <th scope="col">{t("rule")}</th>
            </tr>
          </thead>
          <tbody>
            {score.rules.map((r) => (
              <tr key={r.name} className="align-top">
                <td className="pr-2 font-mono">{r.score.toFixed(1)}</td>
                <td className="break-words">
                  {r.description || r.name} <span className="font-mono text-xs text-slate-500">{r.name}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Status page: send a test message, then read what the receiver decided, and score the content. */
export function ReceivedMessage({
  setupId,
  mailboxes,
  readAction,
  scoreAction,
  sendAction,
}: {
  setupId: string;
  mailboxes: string[];
  readAction: Action<ReceivedMessageState>;
  scoreAction: Action<ReceivedMessageState>;
  sendAction: Action<FormState>;
}) {
  const t = useTranslations("headers");
  const [sent, send, sending] = useActionState(sendAction, initialFormState);
  const [read, readForm, reading] = useActionState(readAction, initialFormState as ReceivedMessageState);
  const [draft, scoreForm, scoring] = useActionState(scoreAction, initialFormState as ReceivedMessageState);
  const show = useText();
  const err = (state: FormState, k: string) => state.errors?.[k]?.map(show).join(" ");
  return (
    <section className="card space-y-6" aria-labelledby="received-title">
      <h3 id="received-title" className="text-lg font-bold">
        {t("title")}
      </h3>

      <form action={send} className="space-y-3" aria-labelledby="send-title" noValidate>
        <h4 id="send-title" className="font-bold">
          {t("send.title")}
        </h4>
        <p className="text-sm text-slate-700">{t("send.intro")}</p>
        {mailboxes.length ? (
          <div className="grid gap-3 sm:grid-cols-3">
            <div>
              <label htmlFor="send-from" className="label">
                {t("send.from")}
              </label>
              <select
                id="send-from"
                name="from"
                className="input mt-1"
                defaultValue={String(sent.values?.from ?? mailboxes[0])}
                aria-describedby="send-from-error"
              >
                {mailboxes.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
              <p id="send-from-error" className="field-error" aria-live="polite">
                {err(sent, "from")}
              </p>
            </div>
            <Field
              name="password"
              id="send-password"
              type="password"
              label={t("send.password")}
              help={t("send.passwordHelp")}
              errors={sent.errors?.password}
              autoComplete="current-password"
              required
            />
            <Field
              name="to"
              id="send-to"
              type="email"
              label={t("send.to")}
              defaultValue={String(sent.values?.to ?? "")}
              errors={sent.errors?.to}
              autoComplete="email"
              required
            />
          </div>
        ) : (
          <p className="text-sm text-amber-800">{t("send.noMailbox")}</p>
        )}
        <FormMessage state={sent} />
        {mailboxes.length > 0 && (
          <SubmitButton pending={sending} pendingLabel={t("send.sending")}>
            {t("send.submit")}
          </SubmitButton>
        )}
      </form>

      <form action={readForm} className="space-y-3" aria-labelledby="read-title" noValidate>
        <h4 id="read-title" className="font-bold">
          {t("readTitle")}
        </h4>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <div>
          <label htmlFor="message-source" className="label">
            {t("sourceLabel")}
          </label>
          <textarea
            id="message-source"
            name="source"
            rows={8}
            className="input mt-1 font-mono text-xs"
            spellCheck={false}
            aria-describedby="message-source-error"
            aria-invalid={!!read.errors?.source}
          />
          <p id="message-source-error" className="field-error" aria-live="polite">
            {err(read, "source")}
          </p>
        </div>
        <div>
          <label htmlFor="message-file" className="label">
            {t("fileLabel")}
          </label>
          <input
            id="message-file"
            name="file"
            type="file"
            accept=".eml,message/rfc822,text/plain"
            className="mt-1 block w-full text-sm"
            aria-describedby="message-file-error"
          />
          <p id="message-file-error" className="field-error" aria-live="polite">
            {err(read, "file")}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="score" defaultChecked={read.values?.score !== false} />
          {t("alsoScore")}
        </label>
        <FormMessage state={read.ok ? {} : read} />
        <SubmitButton pending={reading} pendingLabel={t("reading")}>
          {t("submit")}
        </SubmitButton>
        {read.report && <Report setupId={setupId} report={read.report} />}
        {read.score && <Score score={read.score} />}
      </form>

      <form action={scoreForm} className="space-y-3" aria-labelledby="score-title" noValidate>
        <h4 id="score-title" className="font-bold">
          {t("score.title")}
        </h4>
        <p className="text-sm text-slate-700">{t("score.intro")}</p>
        <Field
          name="subject"
          id="draft-subject"
          label={t("score.subject")}
          defaultValue={String(draft.values?.subject ?? "")}
          errors={draft.errors?.subject}
        />
        <div>
          <label htmlFor="draft-body" className="label">
            {t("score.body")}
          </label>
          <textarea
            id="draft-body"
            name="body"
            rows={6}
            className="input mt-1"
            defaultValue={String(draft.values?.body ?? "")}
            aria-describedby="draft-body-error"
            aria-invalid={!!draft.errors?.body}
          />
          <p id="draft-body-error" className="field-error" aria-live="polite">
            {err(draft, "body")}
          </p>
        </div>
        <FormMessage state={draft.ok ? {} : draft} />
        <SubmitButton pending={scoring} pendingLabel={t("score.scoring")}>
          {t("score.submit")}
        </SubmitButton>
        {draft.score && <Score score={draft.score} />}
      </form>
    </section>
  );
}
