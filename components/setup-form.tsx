"use client";
import { useTranslations } from "next-intl";
import { useText } from "@/lib/i18n/use-text";
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import type { FormState } from "@/lib/forms/form-state";
import { initialFormState } from "@/lib/forms/form-state";
import type { DomainFormInput } from "@/lib/setup/domain-form";
import {
  DEFAULT_DKIM_SELECTOR,
  DEFAULT_DMARC_POLICY,
  DEFAULT_MTA_STS_MODE,
  dmarcPolicies,
  mtaStsModes,
} from "@/lib/setup/options";
import { Field } from "./field";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { RowList } from "./row-list";

interface Props {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial: DomainFormInput;
  version?: number;
  withPassword?: string[];
  submitLabel: "create" | "save";
  /** The domain's ASCII (Punycode) form, when it differs from the Unicode one shown. */
  asciiDomain?: string;
  /** The step after this one, offered once the form is saved. */
  next?: { href: string; label: string };
}

const capitalized = <T extends string>(s: T) => `${s[0].toUpperCase()}${s.slice(1)}` as Capitalize<T>;

/** The Domain step: domain, host name, addresses, mailboxes, aliases and policies. */
export function SetupForm({ action, initial, version, withPassword = [], submitLabel, asciiDomain, next }: Props) {
  const t = useTranslations("setup");
  const tc = useTranslations("common");
  const show = useText();
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [round, setRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  // The passwords typed, kept in this page only (the server never sends them back): a refusal must not wipe them.
  const typed = useRef<Record<string, string>>({});
  useEffect(() => {
    if (state === initialFormState) return;
    if (state.ok) typed.current = {};
    setRound((r) => r + 1);
  }, [state]);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [round]);

  const v: DomainFormInput = state.ok ? initial : ((state.values as DomainFormInput | undefined) ?? initial);
  const currentVersion = (state.ok ? (state.values?.version as number | undefined) : undefined) ?? version;
  const err = (path: string) => state.errors?.[path];

  return (
    <form
      key={round}
      ref={formRef}
      action={formAction}
      onSubmit={(e) => {
        const entries = [...new FormData(e.currentTarget)].filter(([k]) => /^mailboxes\.\d+\.password$/.test(k));
        typed.current = Object.fromEntries(entries.map(([k, val]) => [k, String(val)]));
      }}
      className="space-y-6"
      noValidate
    >
      {currentVersion !== undefined && <input type="hidden" name="version" value={currentVersion} />}
      {!state.ok && <FormMessage state={state} />}
      <fieldset className="card grid gap-4 sm:grid-cols-2">
        <div>
          <Field
            name="domain"
            label={t("domain")}
            help={
              <>
                {t("domainHelp")}
                {asciiDomain && <span className="block">{t("punycode", { ascii: asciiDomain })}</span>}
              </>
            }
            defaultValue={v.domain}
            errors={err("domain")}
            required
            autoComplete="off"
            spellCheck={false}
          />
          {typeof state.params?.existing === "string" && (
            <Link href={`/setups/${state.params.existing}`} className="text-sm text-brand-700 underline">
              {t("domainTakenLink")}
            </Link>
          )}
        </div>
        <Field
          name="hostname"
          label={t("hostname")}
          help={t("hostnameHelp")}
          defaultValue={v.hostname}
          errors={err("hostname")}
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          name="ipv4"
          label={t("ipv4")}
          help={t(submitLabel === "create" ? "ipv4HelpNew" : "ipv4Help")}
          defaultValue={v.ipv4}
          errors={err("ipv4")}
          inputMode="decimal"
          autoComplete="off"
        />
        <Field
          name="ipv6"
          label={t("ipv6")}
          help={t("ipv6Help")}
          defaultValue={v.ipv6}
          errors={err("ipv6")}
          autoComplete="off"
        />
        <Field
          name="adminEmail"
          type="text"
          inputMode="email"
          label={t("adminEmail")}
          help={t("adminEmailHelp")}
          defaultValue={v.adminEmail}
          errors={err("adminEmail")}
          required
          className="sm:col-span-2"
        />
      </fieldset>

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">{t("mailboxes")}</legend>
        <p className="help">{t(withPassword.length ? "mailboxesHelp" : "mailboxesHelpNew")}</p>
        <RowList
          name="mailboxes"
          initial={v.mailboxes ?? []}
          addLabel={t("addMailbox")}
          removeLabel={t("remove")}
          render={(row, i) => (
            <>
              <Field
                name={`mailboxes.${i}.address`}
                type="text"
                inputMode="email"
                label={t("address", { n: i + 1 })}
                defaultValue={row.address}
                errors={err(`mailboxes.${i}.address`)}
                className="flex-1"
              />
              <Field
                name={`mailboxes.${i}.password`}
                type="password"
                autoComplete="new-password"
                label={t("mailboxPassword", { n: i + 1 })}
                defaultValue={state.ok ? undefined : typed.current[`mailboxes.${i}.password`]}
                help={row.address && withPassword.includes(row.address) ? t("passwordSet") : undefined}
                errors={err(`mailboxes.${i}.password`)}
                className="flex-1"
              />
            </>
          )}
          blank={{ address: "", password: "" }}
        />
        <p id="f-mailboxes-error" className="field-error" aria-live="polite">
          {err("mailboxes")?.map(show).join(" ")}
        </p>
        <Field
          name="roleMailbox"
          type="text"
          inputMode="email"
          label={t("roleMailbox")}
          help={t("roleMailboxHelp")}
          defaultValue={v.roleMailbox}
          errors={err("roleMailbox")}
          autoComplete="off"
        />
      </fieldset>

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">{t("aliases")}</legend>
        <p className="help">{t("aliasesHelp")}</p>
        <RowList
          name="aliases"
          initial={v.aliases ?? []}
          addLabel={t("addAlias")}
          removeLabel={t("remove")}
          render={(row, i) => (
            <>
              <Field
                name={`aliases.${i}.from`}
                label={t("aliasFrom", { n: i + 1 })}
                defaultValue={row.from}
                errors={err(`aliases.${i}.from`)}
                className="flex-1"
              />
              <Field
                name={`aliases.${i}.to`}
                label={t("aliasTo", { n: i + 1 })}
                defaultValue={row.to}
                errors={err(`aliases.${i}.to`)}
                className="flex-1"
              />
            </>
          )}
          blank={{ from: "", to: "" }}
        />
      </fieldset>

      <fieldset className="card grid gap-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">{t("policies")}</legend>
        <div>
          <label htmlFor="f-dmarc-policy" className="label">
            {t("dmarcPolicy")}
          </label>
          <select
            id="f-dmarc-policy"
            name="dmarc.policy"
            defaultValue={v.dmarc?.policy ?? DEFAULT_DMARC_POLICY}
            className="input mt-1"
          >
            {dmarcPolicies.map((p) => (
              <option key={p} value={p}>
                {t(`dmarc${capitalized(p)}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="dmarc.reportEmail"
          type="text"
          inputMode="email"
          label={t("dmarcReport")}
          help={t("dmarcReportHelp")}
          defaultValue={v.dmarc?.reportEmail}
          errors={err("dmarc.reportEmail")}
        />
        <div>
          <label htmlFor="f-mtaSts-mode" className="label">
            {t("mtaSts")}
          </label>
          <select
            id="f-mtaSts-mode"
            name="mtaSts.mode"
            defaultValue={v.mtaSts?.mode ?? DEFAULT_MTA_STS_MODE}
            className="input mt-1"
          >
            {mtaStsModes.map((m) => (
              <option key={m} value={m}>
                {t(`mtaSts${capitalized(m)}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="dkim.selector"
          label={t("dkimSelector")}
          defaultValue={v.dkim?.selector ?? DEFAULT_DKIM_SELECTOR}
          errors={err("dkim.selector")}
        />
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="dkim.ed25519" defaultChecked={!!v.dkim?.ed25519} className="size-4" />
          <span>{t("dkimEd25519")}</span>
        </label>
      </fieldset>

      <fieldset className="card space-y-3">
        <legend className="px-1 text-lg font-semibold">{t("server")}</legend>
        <p className="help">{t("serverHelp")}</p>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="pop3s"
            defaultChecked={!!v.pop3s}
            className="mt-1 size-4"
            aria-describedby="f-pop3s-help"
          />
          <span>
            {t("pop3s")}
            <span id="f-pop3s-help" className="help block">
              {t("pop3sHelp")}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="inbound.greylisting"
            defaultChecked={!!v.inbound?.greylisting}
            className="mt-1 size-4"
            aria-describedby="f-greylisting-help"
          />
          <span>
            {t("greylisting")}
            <span id="f-greylisting-help" className="help block">
              {t("greylistingHelp")}
            </span>
          </span>
        </label>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel={submitLabel === "create" ? t("creating") : tc("saving")}>
          {submitLabel === "create" ? t("create") : tc("save")}
        </SubmitButton>
        {state.ok && (
          <>
            <FormMessage state={state} />
            {next && (
              <Link href={next.href} className="btn-secondary">
                {next.label} →
              </Link>
            )}
          </>
        )}
      </div>
    </form>
  );
}
