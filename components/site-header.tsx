import Link from "next/link";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { logout, setLocale } from "@/app/actions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { locales } from "@/lib/i18n/locale";

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
          <form action={setLocale} className="flex items-center gap-1" aria-label={t("language")}>
            {locales.map((l) => (
              <button
                key={l}
                name="locale"
                value={l}
                lang={l}
                aria-pressed={l === locale}
                className="rounded px-2 py-1 text-sm aria-pressed:bg-brand-100 aria-pressed:font-semibold"
              >
                {l === "en" ? t("english") : t("french")}
              </button>
            ))}
          </form>
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
