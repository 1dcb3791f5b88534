"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { CopyButton } from "@/components/copy-button";
import type { ShownOrder } from "@/lib/acme/shown-order";
import { useText } from "@/lib/i18n/use-text";

const STEPS = ["account", "order", "challenges", "validating", "finalize", "download", "done"] as const;

/**
 * An order under way, step by step; polls the server (which moves the order on)
 * until it is done or failed. DNS-01 by hand shows the TXT record to publish and
 * which nameservers serve it yet.
 */
export function OrderProgress({
  initial,
  poll,
}: {
  initial: ShownOrder;
  poll: () => Promise<{ order: ShownOrder | null }>;
}) {
  const t = useTranslations("certificate");
  const format = useFormatter();
  const show = useText();
  const router = useRouter();
  const [order, setOrder] = useState(initial);
  const [pollError, setPollError] = useState(false);
  const settled = order.state === "done" || order.state === "failed";
  const startedAs = useRef(initial.state);

  useEffect(() => setOrder(initial), [initial]);
  useEffect(() => {
    if (settled) {
      if (startedAs.current !== order.state) router.refresh();
      return;
    }
    const timer = setInterval(async () => {
      try {
        const r = await poll();
        if (r.order) setOrder(r.order);
        setPollError(false);
      } catch {
        setPollError(true);
      }
    }, 2000);
    return () => clearInterval(timer);
  }, [settled, poll, router, order.state]);

  const current = STEPS.indexOf(
    order.state === "failed" ? ((order.history.at(-2)?.state as (typeof STEPS)[number]) ?? "account") : order.state,
  );
  return (
    <section className="card space-y-4" aria-labelledby="order-title">
      <h3 id="order-title" className="text-lg font-semibold">
        {t("progress.title", { names: order.names.join(", ") })}
      </h3>
      <p className="text-sm text-slate-600">{t("progress.method", { method: t(`methods.${order.method}.name`) })}</p>
      <ol className="grid gap-1 text-sm sm:grid-cols-2" aria-label={t("progress.steps")}>
        {STEPS.map((s, i) => {
          const done = i < current || order.state === "done";
          const here = i === current && !settled;
          return (
            <li
              key={s}
              aria-current={here ? "step" : undefined}
              className={done ? "text-green-800" : here ? "font-semibold text-brand-700" : "text-slate-500"}
            >
              <span aria-hidden>{done ? "✓ " : here ? "→ " : "· "}</span>
              {t(`steps.${s}`)}
              <span className="sr-only">
                {" "}
                ({t(done ? "progress.stepDone" : here ? "progress.stepCurrent" : "progress.stepTodo")})
              </span>
            </li>
          );
        })}
      </ol>
      <p role="status" aria-live="polite" className="text-sm font-medium">
        {order.state === "failed"
          ? t("progress.failed")
          : order.state === "done"
            ? t("progress.done")
            : order.waitingForDns
              ? t("progress.waitingForDns")
              : t(`progress.state.${order.state}`)}
      </p>
      {order.method === "dns-01-manual" && order.state === "challenges" && (
        <div className="space-y-4">
          {order.challenges.length > 0 && <p className="text-sm">{t("manual.intro")}</p>}
          {order.alreadyValid.length > 0 && (
            <p className="text-sm" data-testid="already-valid">
              {t("manual.alreadyValid", {
                count: order.alreadyValid.length,
                names: order.alreadyValid.join(", "),
              })}
            </p>
          )}
          {order.challenges.map((c) => (
            <div key={c.identifier} className="space-y-2 rounded-md border border-slate-200 p-3">
              <dl className="space-y-2 text-sm">
                <div>
                  <dt className="font-medium">{t("manual.name")}</dt>
                  <dd className="flex flex-wrap items-center gap-2">
                    <code className="break-all" data-testid="txt-name">
                      {c.txtName}
                    </code>
                    <CopyButton value={c.txtName ?? ""} label={t("manual.name")} />
                  </dd>
                </div>
                <div>
                  <dt className="font-medium">{t("manual.type")}</dt>
                  <dd>
                    <code>TXT</code>
                  </dd>
                </div>
                <div>
                  <dt className="font-medium">{t("manual.value")}</dt>
                  <dd className="flex flex-wrap items-center gap-2">
                    <code className="break-all" data-testid="txt-value">
                      {c.txtValue}
                    </code>
                    <CopyButton value={c.txtValue ?? ""} label={t("manual.value")} />
                  </dd>
                </div>
              </dl>
              {c.sightings && (
                <ul className="space-y-1 text-sm" aria-label={t("manual.nameservers")}>
                  {c.sightings.map((s) => (
                    <li key={`${s.name}-${s.address}`} className={s.sees ? "text-green-800" : "text-amber-800"}>
                      <span aria-hidden>{s.sees ? "✓ " : "… "}</span>
                      {t(s.sees ? "manual.sees" : s.error ? "manual.error" : "manual.notYet", {
                        ns: s.name,
                        address: s.address,
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          {order.lastDnsCheckAt && (
            <p className="text-xs text-slate-600">
              {t("manual.lastCheck", {
                time: format.dateTime(new Date(order.lastDnsCheckAt), { timeStyle: "medium" }),
              })}
            </p>
          )}
        </div>
      )}
      {order.problem && (
        <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm">
          <p className="font-semibold text-red-800">{show(order.problemText?.message)}</p>
          <p>{show(order.problemText?.advice)}</p>
          <p className="break-all text-xs text-slate-700">
            {t("problems.caSaid")} {order.problem.detail}
          </p>
        </div>
      )}
      {pollError && (
        <p role="alert" className="text-sm text-red-700">
          {t("progress.pollError")}
        </p>
      )}
    </section>
  );
}
