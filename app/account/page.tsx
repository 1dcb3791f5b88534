import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireSession } from "@/lib/auth/guard";
import { logoutEverywhere } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("accountTitle") };
}

export default async function AccountPage() {
  await requireSession();
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("accountTitle")}</h1>
      <section className="card">
        <h2 className="mb-4 text-xl font-bold">{t("changePasswordTitle")}</h2>
        <ChangePasswordForm />
      </section>
      <section className="card space-y-3">
        <h2 className="text-xl font-bold">{t("logoutEverywhereTitle")}</h2>
        <p>{t("logoutEverywhereText")}</p>
        <form action={logoutEverywhere}>
          <button className="btn-danger">{t("logoutEverywhere")}</button>
        </form>
      </section>
    </div>
  );
}
