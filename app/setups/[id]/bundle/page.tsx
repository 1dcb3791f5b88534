import { getTranslations } from "next-intl/server";
import { getCertificateSummary } from "@/lib/acme/certificate-store";
import { UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import { loadPreviewFiles } from "@/lib/pipeline/load-preview-files";
import { bundleName, displayDomain } from "@/lib/setup/derived";
import { bundleRefusal } from "@/lib/pipeline/load-bundle-inputs";
import { getMailboxPasswordHashes, getRelayPassword } from "@/lib/setup/store";
import { requireSetup } from "@/lib/setup/require-setup";

export default async function BundleStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("bundle");
  const doc = setup.document;
  const problems: string[] = [];
  if (doc.delivery.mode === "relay" && !(await getRelayPassword(id))) problems.push(t("errors.relay-password-missing"));
  // The same refusals as the download route's (lib/pipeline/load-bundle-inputs.ts).
  const hashes = await getMailboxPasswordHashes(id);
  const domain = displayDomain(setup.domain);
  const refusal = bundleRefusal(doc, hashes, { includePrivateKeys: false });
  if (refusal) problems.push(t(`errors.${refusal.code}`, { domain, addresses: refusal.addresses.join(", ") }));
  const fullRefusal = refusal ?? bundleRefusal(doc, hashes, { includePrivateKeys: true });
  let files: Awaited<ReturnType<typeof loadPreviewFiles>> = [];
  try {
    files = await loadPreviewFiles(setup);
  } catch (e) {
    if (!(e instanceof UnsafeConfigValueError)) throw e;
    problems.push(t("errors.unsafe-value", { field: e.field }));
  }
  const certificate = await getCertificateSummary(id);
  const href = (keys: boolean) => `/api/setups/${id}/bundle${keys ? "" : "?privateKeys=0"}`;
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="text-slate-700">{t("intro", { domain: displayDomain(setup.domain) })}</p>
      </div>
      {problems.length > 0 ? (
        <div role="alert" className="card border-red-300 text-red-800">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="card space-y-3">
          {fullRefusal && (
            <p role="alert" className="text-sm text-red-800">
              {t(`errors.${fullRefusal.code}`, { domain, addresses: fullRefusal.addresses.join(", ") })}
            </p>
          )}
          <p className="flex flex-wrap gap-2">
            {!fullRefusal && (
              <a className="btn" href={href(true)} download>
                {t("download")}
              </a>
            )}
            <a className={fullRefusal ? "btn" : "btn-secondary"} href={href(false)} download>
              {t("downloadWithoutKeys")}
            </a>
          </p>
          <p className="text-sm text-slate-600">{t("keysWarning")}</p>
          {!certificate && <p className="text-sm text-amber-800">{t("noCertificate")}</p>}
        </div>
      )}
      <div className="card space-y-2">
        <h3 className="font-semibold">{t("contentsTitle")}</h3>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>{t("contents.files", { count: files.length })}</li>
          <li>{t("contents.install")}</li>
          <li>{t("contents.zone", { domain: setup.domain })}</li>
          <li>{t("contents.readme")}</li>
          <li>{t("contents.manifest")}</li>
        </ul>
        <h3 className="pt-2 font-semibold">{t("installTitle")}</h3>
        <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-xs">{`tar -xzf ${bundleName(setup.domain)}.tar.gz\ncd ${bundleName(setup.domain)}\nsudo ./install.sh`}</pre>
        <p className="text-sm text-slate-700">{t("installExplain")}</p>
        <p className="text-sm text-slate-600">{t("cli", { domain: setup.domain })}</p>
      </div>
    </section>
  );
}
