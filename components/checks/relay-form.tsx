"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Host, port, username and password of a smarthost: the way out when port 25 is blocked. */
export function RelayForm({
  action,
  version,
  initial,
}: {
  action: Action;
  version: number;
  initial?: { host?: string; port?: number; username?: string; tlsFingerprint?: string };
}) {
  const t = useTranslations("network");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = (k: string, d = "") =>
    String(state.values?.[k] ?? (initial as Record<string, unknown> | undefined)?.[k] ?? d);
  return (
    <form action={formAction} className="card space-y-3" aria-labelledby="relay-title" noValidate>
      <h3 id="relay-title" className="font-bold">
        {t("relayTitle")}
      </h3>
      <p className="text-sm text-slate-700">{t("relayIntro")}</p>
      <input type="hidden" name="version" value={String(state.values?.version ?? version)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          name="host"
          label={t("relayHost")}
          defaultValue={v("host")}
          errors={state.errors?.host}
          required
          autoComplete="off"
        />
        <Field
          name="port"
          label={t("relayPort")}
          defaultValue={v("port", "587")}
          errors={state.errors?.port}
          inputMode="numeric"
          required
        />
        <Field
          name="username"
          label={t("relayUsername")}
          defaultValue={v("username")}
          errors={state.errors?.username}
          required
          autoComplete="off"
        />
        <Field
          name="password"
          type="password"
          label={t("relayPassword")}
          help={t("relayPasswordHelp")}
          errors={state.errors?.password}
          autoComplete="new-password"
        />
        <Field
          name="tlsFingerprint"
          label={t("relayFingerprint")}
          help={t("relayFingerprintHelp")}
          defaultValue={v("tlsFingerprint")}
          errors={state.errors?.tlsFingerprint}
          autoComplete="off"
          spellCheck={false}
          className="sm:col-span-2"
        />
      </div>
      <FormMessage state={state} namespace="network" />
      <SubmitButton pending={pending} pendingLabel={t("relaySaving")}>
        {t("relaySave")}
      </SubmitButton>
    </form>
  );
}
