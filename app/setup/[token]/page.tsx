import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminPasswordForm } from "@/components/admin-password-form";
import { adminExists, isSetupTokenValid } from "@/lib/auth/first-run";

export default async function SetupTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const valid = await isSetupTokenValid(token);
  return (
    <section className="card mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t("setupTitle")}</h1>
      {valid ? (
        <>
          <p className="mb-4 text-slate-700">{t("setupIntro")}</p>
          <AdminPasswordForm token={token} />
        </>
      ) : (
        <p role="alert" className="text-slate-800">
          {(await adminExists()) ? t("alreadySetUp") : t("linkInvalid")}{" "}
          <Link href="/login" className="font-semibold text-brand-700 underline">
            {t("goToLogin")}
          </Link>
        </p>
      )}
    </section>
  );
}
