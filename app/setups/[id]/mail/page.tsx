import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ConfigFileBrowser } from "@/components/mail/config-file-browser";
import { PostconfChecking, PostconfReport } from "@/components/mail/postconf-report";
import { UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import { loadPreviewFiles } from "@/lib/pipeline/load-preview-files";
import { toUnicodeHostname } from "@/lib/setup/names";
import { displayDomain } from "@/lib/setup/derived";
import { stepHref } from "@/lib/setup/steps";
import { requireSetup } from "@/lib/setup/require-setup";

export default async function MailStepPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  const t = await getTranslations("mail");
  let files;
  try {
    files = await loadPreviewFiles(setup);
  } catch (e) {
    if (!(e instanceof UnsafeConfigValueError)) throw e;
    return (
      <section className="space-y-4">
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p role="alert" className="card border-red-300 text-red-800">
          {t("unsafeValue", { field: e.field, reason: e.reason })}
        </p>
      </section>
    );
  }
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-xl font-bold">{t("title")}</h2>
        <p className="text-slate-700">
          {t("intro", {
            domain: displayDomain(setup.domain),
            hostname: toUnicodeHostname(setup.document.hostname),
          })}
        </p>
        <p className="text-sm text-slate-600">
          {t(setup.document.delivery.mode === "relay" ? "deliveryRelay" : "deliveryDirect", {
            relay: setup.document.delivery.mode === "relay" ? setup.document.delivery.host : "",
          })}
        </p>
      </div>
      <Suspense fallback={<PostconfChecking />}>
        <PostconfReport files={files} />
      </Suspense>
      {/* Only the list: each file's text is fetched when it is opened (its 46 kB of text made the page heavy). */}
      <ConfigFileBrowser
        setupId={id}
        files={files.map((f) => ({
          path: f.path,
          mode: f.mode.toString(8).padStart(4, "0"),
          owner: f.owner,
          group: f.group,
          syntax: f.syntax,
          // A secret the user types (the relay password) is masked in the preview: the rest of the file shows.
          privateKey: Boolean(f.privateKey) && !f.ask,
        }))}
      />
      <p>
        <a className="btn" href={stepHref(id, "bundle")}>
          {t("toBundle")}
        </a>
      </p>
    </section>
  );
}
