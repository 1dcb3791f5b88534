"use client";
import { Suspense, use, useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { CertificatePageData, PreflightShown } from "@/lib/acme/certificate-page-data";
import type { StartState } from "@/lib/acme/certificate-form";
import { acmeChallenges, acmeDirectoryKeys, tsigAlgorithms, type AcmeMethod } from "@/lib/setup/options";
import { useText } from "@/lib/i18n/use-text";
import { PreflightList } from "./preflight-list";

const DIRECTORIES = [...acmeDirectoryKeys, "custom"] as const;

const keys = new WeakMap<object, number>();
let counter = 0;
const keyOf = (o: object) => keys.get(o) ?? (keys.set(o, ++counter), counter);

type OrderFormData = Omit<CertificatePageData, "preflight">;

/**
 * Choose the CA and the challenge method (with the preflight's recommendation), accept the terms, start.
 * The preflight's findings arrive after the form (a promise from the server): the form is usable meanwhile.
 */
export function OrderForm({
  data,
  preflight,
  start,
}: {
  data: OrderFormData;
  preflight: Promise<PreflightShown>;
  start: (prev: StartState, form: FormData) => Promise<StartState>;
}) {
  const t = useTranslations("certificate");
  const show = useText();
  const [state, action, pending] = useActionState(start, {});

  return (
    <form action={action} className="card space-y-6" aria-labelledby="order-form-title" noValidate>
      <h3 id="order-form-title" className="text-lg font-semibold">
        {t("form.title", { names: data.names.join(", ") })}
      </h3>

      <section className="space-y-2" aria-labelledby="preflight-title">
        <h4 id="preflight-title" className="font-medium">
          {t("preflight.title")}
        </h4>
        <Suspense
          fallback={
            <p role="status" aria-live="polite" className="text-sm text-slate-600">
              {t("preflight.checking")}
            </p>
          }
        >
          <PreflightFindings preflight={preflight} />
        </Suspense>
      </section>

      {/* React resets a form after its action: remount the fields from what was sent, so choices survive a refusal. */}
      <OrderFields key={keyOf(state)} data={data} preflight={preflight} state={state} />

      {state.blocked && state.blocked.length > 0 && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3">
          <p className="mb-2 text-sm font-semibold text-red-800">{t("form.blocked")}</p>
          <PreflightList
            lines={state.blocked.map((l) => ({ ...l, summary: show(l.summary), fix: l.fix && show(l.fix) }))}
          />
        </div>
      )}
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel={t("form.starting")}>
        {t("form.start")}
      </SubmitButton>
    </form>
  );
}

function PreflightFindings({ preflight }: { preflight: Promise<PreflightShown> }) {
  const t = useTranslations("certificate");
  const found = use(preflight);
  return "error" in found ? (
    <p className="text-sm text-amber-800">{t("preflight.unavailable", { detail: found.error })}</p>
  ) : (
    <PreflightList lines={found.items} />
  );
}

/** Hands the preflight's recommended method to the form once it has arrived. */
function Recommendation({
  preflight,
  onArrival,
}: {
  preflight: Promise<PreflightShown>;
  onArrival: (m: AcmeMethod) => void;
}) {
  const found = use(preflight);
  const recommended = "error" in found ? "dns-01-manual" : found.recommended;
  useEffect(() => onArrival(recommended), [recommended, onArrival]);
  return null;
}

function OrderFields({
  data,
  preflight,
  state,
}: {
  data: OrderFormData;
  preflight: Promise<PreflightShown>;
  state: StartState;
}) {
  const t = useTranslations("certificate");
  const show = useText();
  const v = (k: string, fallback = "") =>
    typeof state.values?.[k] === "string" ? (state.values[k] as string) : fallback;
  const [recommended, setRecommended] = useState<AcmeMethod | null>(null);
  const [chosen, setMethod] = useState<AcmeMethod | null>((v("method") as AcmeMethod) || null);
  // Until the person picks one, the method is the preflight's recommendation (by hand while it is on its way).
  const method = chosen ?? recommended ?? "dns-01-manual";
  const [directory, setDirectory] = useState(v("directory", data.directory.choice));
  const errs = (k: string) => state.errors?.[k];
  const termsUrl = state.termsUrl ?? ("url" in data.terms ? data.terms.url : null);

  return (
    <>
      <fieldset className="space-y-2">
        <legend className="label">{t("form.directory")}</legend>
        <select
          name="directory"
          className="input"
          defaultValue={directory}
          onChange={(e) => setDirectory(e.target.value)}
          aria-label={t("form.directory")}
        >
          {DIRECTORIES.map((d) => (
            <option key={d} value={d}>
              {t(`directories.${d}`)}
            </option>
          ))}
        </select>
        {directory === "custom" && (
          <Field
            name="customDirectory"
            label={t("form.customDirectory")}
            defaultValue={v("customDirectory", data.directory.custom)}
            errors={errs("customDirectory")}
            inputMode="url"
          />
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="label">{t("form.method")}</legend>
        <Suspense fallback={null}>
          <Recommendation preflight={preflight} onArrival={setRecommended} />
        </Suspense>
        {acmeChallenges.map((m) => (
          <label
            key={m}
            className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="method"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{t(`methods.${m}.name`)}</span>
              {m === recommended && (
                <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900">
                  {t("form.recommended")}
                </span>
              )}
              <span className="block text-sm text-slate-600">{t(`methods.${m}.help`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {method === "dns-01-rfc2136" && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="label sm:col-span-2">{t("form.rfc2136")}</legend>
          <Field
            name="rfc2136Server"
            label={t("form.rfc2136Server")}
            help={t("form.rfc2136ServerHelp")}
            defaultValue={v("rfc2136Server")}
            errors={errs("rfc2136Server")}
          />
          <Field name="tsigName" label={t("form.tsigName")} defaultValue={v("tsigName")} errors={errs("tsigName")} />
          <div>
            <label htmlFor="f-tsigAlgorithm" className="label">
              {t("form.tsigAlgorithm")}
            </label>
            <select
              id="f-tsigAlgorithm"
              name="tsigAlgorithm"
              className="input mt-1"
              defaultValue={v("tsigAlgorithm", "hmac-sha256")}
            >
              {tsigAlgorithms.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </div>
          <Field
            name="tsigSecret"
            type="password"
            autoComplete="off"
            label={t("form.tsigSecret")}
            errors={errs("tsigSecret")}
          />
        </fieldset>
      )}

      {(directory === "zerossl" ||
        directory === "custom" ||
        ("url" in data.terms && data.terms.externalAccountRequired)) && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="label sm:col-span-2">{t("form.eab")}</legend>
          <p className="help sm:col-span-2">{t("form.eabHelp")}</p>
          <Field name="eabKid" label={t("form.eabKid")} defaultValue={v("eabKid")} errors={errs("eabKid")} />
          <Field name="eabHmac" type="password" autoComplete="off" label={t("form.eabHmac")} errors={errs("eabHmac")} />
        </fieldset>
      )}

      <Field
        name="email"
        type="email"
        label={t("form.email")}
        help={t("form.emailHelp")}
        defaultValue={v("email", data.email)}
        errors={errs("email")}
      />

      <div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="agreeTos"
            defaultChecked={v("agreeTos") === "on"}
            className="mt-1"
            aria-describedby="f-agreeTos-error"
            aria-invalid={!!state.errors?.agreeTos}
          />
          <span>
            {termsUrl
              ? t.rich("form.agreeTos", {
                  link: (chunks) => (
                    <a href={termsUrl} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                      {chunks}
                    </a>
                  ),
                })
              : t("form.agreeTosNoLink")}
          </span>
        </label>
        <p id="f-agreeTos-error" className="field-error" aria-live="polite">
          {errs("agreeTos")?.map(show).join(" ")}
        </p>
      </div>
    </>
  );
}
