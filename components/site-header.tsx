import Link from "next/link";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { logout, setLocale } from "@/app/actions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { locales } from "@/lib/i18n/locale";
import { LocaleSwitch } from "./locale-switch";

export async function SiteHeader() {
  const t = await getTranslations("common");
  const locale = await getLocale();
  const signedIn = (await cookies()).has(SESSION_COOKIE);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-bold text-brand-900">
          ✉ {t("appName")}
        </Link>
        <div className="flex items-center gap-3">
          <LocaleSwitch
            action={setLocale}
            locales={locales}
            current={locale}
            label={t("language")}
            names={{ en: t("english"), fr: t("french") }}
          />
          {signedIn && (
            <Link href="/account" className="text-sm underline">
              {t("account")}
            </Link>
          )}
          {signedIn && (
            <form action={logout}>
              <button className="btn-secondary">{t("logout")}</button>
            </form>
          )}
        </div>
      </div>
    </header>
  );
}
