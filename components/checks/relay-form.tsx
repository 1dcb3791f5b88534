"use client";
import { useTranslations } from "next-intl";
import { useText } from "@/lib/i18n/use-text";
import { useActionState, useState } from "react";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { formatProviderDkim, presetDkimRecords, type ProviderDkimRecord } from "@/lib/relay/provider-dkim";
import { findRelayPreset, presetHost, relayPresets } from "@/lib/relay/presets";
import { relayAlignment } from "@/lib/relay/relay-alignment";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Host, port, username and password of a smarthost: the way out when port 25 is blocked. */
export function RelayForm({
  action,
  version,
  domain,
  initial,
}: {
  action: Action;
  version: number;
  /** The setup's domain (ASCII): the provider's DKIM records are filled in for it. */
  domain: string;
  initial?: {
    host?: string;
    port?: number;
    username?: string;
    tlsFingerprint?: string;
    preset?: string;
    region?: string;
    spfInclude?: string;
    providerDkim?: ProviderDkimRecord[];
  };
}) {
  const t = useTranslations("network");
  const tr = useTranslations("relay");
  const show = useText();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = (k: string, d = "") =>
    String(state.values?.[k] ?? (initial as Record<string, unknown> | undefined)?.[k] ?? d);
  const [presetId, setPresetId] = useState(v("preset"));
  const [region, setRegion] = useState(v("region"));
  const [host, setHost] = useState(v("host"));
  const preset = findRelayPreset(presetId);
  const shownHost = preset ? (presetHost(preset, region) ?? "") : host;
  // The DKIM lines: what was typed or stored for this preset, else the preset's template for this domain.
  const typedDkim =
    state.values?.providerDkim !== undefined && String(state.values.preset ?? "") === presetId
      ? String(state.values.providerDkim)
      : undefined;
  const storedDkim =
    initial?.preset === presetId && initial?.providerDkim?.length
      ? formatProviderDkim(initial.providerDkim)
      : undefined;
  const dkimText = typedDkim ?? storedDkim ?? (preset ? formatProviderDkim(presetDkimRecords(preset, domain)) : "");
  const alignment = relayAlignment({
    host: shownHost,
    preset: presetId || undefined,
    spfInclude: preset ? preset.spfInclude : v("spfInclude") || undefined,
    providerDkim: dkimText.trim() ? [dkimText] : [],
  });
  return (
    <form action={formAction} className="card space-y-3" aria-labelledby="relay-title" noValidate>
      <h3 id="relay-title" className="font-bold">
        {t("relayTitle")}
      </h3>
      <p className="text-sm text-slate-700">{t("relayIntro")}</p>
      <input type="hidden" name="version" value={String(state.values?.version ?? version)} />
      <div>
        <label htmlFor="relay-preset" className="label">
          {tr("preset")}
        </label>
        <select
          id="relay-preset"
          name="preset"
          className="input mt-1"
          value={presetId}
          onChange={(e) => setPresetId(e.target.value)}
          aria-describedby="relay-preset-about"
        >
          <option value="">{tr("custom")}</option>
          {relayPresets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <div id="relay-preset-about" className="help space-y-1">
          {preset && (
            <>
              <p>
                {tr(`tls.${preset.tls}`, { port: preset.port })} ·{" "}
                {tr("usernameIs", { what: tr(`username.${preset.username}`) })}
              </p>
              <p>
                <a className="underline" href={preset.sources[0]} target="_blank" rel="noreferrer noopener">
                  {tr("docs", { name: preset.name })}
                </a>
              </p>
            </>
          )}
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2" key={presetId}>
        {preset?.regions && (
          <div>
            <label htmlFor="relay-region" className="label">
              {tr("region")}
            </label>
            <select
              id="relay-region"
              name="region"
              className="input mt-1"
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              aria-describedby="relay-region-error"
              aria-invalid={!!state.errors?.region}
            >
              <option value="">{tr("regionPick")}</option>
              {preset.regions.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
            <p id="relay-region-error" className="field-error" aria-live="polite">
              {state.errors?.region?.map(show).join(" ")}
            </p>
          </div>
        )}
        <Field
          name="host"
          label={t("relayHost")}
          value={shownHost}
          onChange={(e) => setHost(e.target.value)}
          readOnly={!!preset}
          errors={state.errors?.host}
          required
          autoComplete="off"
        />
        <Field
          name="port"
          label={t("relayPort")}
          defaultValue={
            preset && String(state.values?.preset ?? initial?.preset ?? "") !== presetId
              ? String(preset.port)
              : v("port", preset ? String(preset.port) : "587")
          }
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
          help={t(initial ? "relayPasswordHelp" : "relayPasswordHelpNew")}
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
        {preset ? (
          <p className="help sm:col-span-2">
            {preset.spfInclude
              ? tr("spfFromPreset", { include: preset.spfInclude })
              : preset.envelope === "provider"
                ? tr("spfNotNeeded", { name: preset.name })
                : tr("spfIncludeHelp", { host: shownHost || "…" })}
          </p>
        ) : (
          <Field
            name="spfInclude"
            label={tr("spfInclude")}
            help={tr("spfIncludeHelp", { host: shownHost || "…" })}
            defaultValue={v("spfInclude")}
            errors={state.errors?.spfInclude}
            autoComplete="off"
            spellCheck={false}
            className="sm:col-span-2"
          />
        )}
        <div className="sm:col-span-2">
          <label htmlFor="relay-dkim" className="label">
            {tr("providerDkim")}
          </label>
          <textarea
            id="relay-dkim"
            name="providerDkim"
            rows={Math.max(2, dkimText.split("\n").length)}
            className="input mt-1 font-mono text-xs"
            defaultValue={dkimText}
            spellCheck={false}
            aria-describedby="relay-dkim-help relay-dkim-error"
            aria-invalid={!!state.errors?.providerDkim}
          />
          <p id="relay-dkim-help" className="help">
            {tr("providerDkimHelp")}
          </p>
          <p id="relay-dkim-error" className="field-error" aria-live="polite">
            {state.errors?.providerDkim?.map(show).join(" ")}
          </p>
        </div>
      </div>
      <div className="rounded border border-slate-200 p-3 text-sm" aria-live="polite">
        <p className="font-medium">{tr("alignmentTitle")}</p>
        <p>{tr(`alignment.${alignment.spf}`)}</p>
        <p>{tr(`alignment.${alignment.dkim}`)}</p>
      </div>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel={t("relaySaving")}>
        {t("relaySave")}
      </SubmitButton>
    </form>
  );
}
