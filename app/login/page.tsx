import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/login-form";
import { adminExists } from "@/lib/auth/first-run";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("loginTitle") };
}

export default async function LoginPage() {
  const t = await getTranslations("auth");
  return (
    <section className="card mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("loginTitle")}</h1>
      {(await adminExists()) ? <LoginForm /> : <p role="alert">{t("noAdminYet")}</p>}
    </section>
  );
}
