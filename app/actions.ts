"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { destroySession } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locale";

export async function setLocale(form: FormData): Promise<void> {
  if (!(form instanceof FormData)) return;
  const locale = form.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "strict", maxAge: 365 * 24 * 3600 });
  redirect(backTo((await headers()).get("referer")));
}

export async function logout(): Promise<void> {
  const jar = await cookies();
  await destroySession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}

/** The page to go back to: the Referer's path on this site, or the home page (a garbage Referer is no error). */
function backTo(referer: string | null): string {
  if (!referer || !URL.canParse(referer)) return "/";
  const path = new URL(referer).pathname;
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
