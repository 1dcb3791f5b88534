import { getTranslations } from "next-intl/server";
import { LoadingStatus } from "@/components/loading-status";
import type { MailFile } from "@/lib/mailconf/mail-files";
import { validateWithPostconf } from "@/lib/pipeline/validate-with-postconf";

/** What the wizard machine's own postconf says of the rendered main.cf (streamed in: the page does not wait for it). */
export async function PostconfReport({ files }: { files: MailFile[] }) {
  const [t, result] = await Promise.all([getTranslations("mail"), validateWithPostconf(files)]);
  if (!result.available) return <p className="card text-sm text-slate-700">{t("postconfUnavailable")}</p>;
  return (
    <div className={`card text-sm ${result.ok ? "border-emerald-300" : "border-amber-400"}`} role="status">
      <p className="font-semibold">
        {result.ok
          ? t("postconfOk", { count: result.parameters })
          : t("postconfWarnings", { count: result.warnings.length })}
      </p>
      {result.warnings.length > 0 && (
        <ul className="mt-2 list-disc pl-5 font-mono text-xs">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Shown until postconf has answered. */
export async function PostconfChecking() {
  const t = await getTranslations("mail");
  return <LoadingStatus label={t("postconfChecking")} />;
}
