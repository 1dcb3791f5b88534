"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { changeAdminPassword, checkAdminPassword } from "@/lib/auth/admin";
import { requireSession } from "@/lib/auth/guard";
import { MAX_ADMIN_PASSWORD, MIN_ADMIN_PASSWORD } from "@/lib/auth/policy";
import { loginThrottle, throttleKey } from "@/lib/auth/rate-limit";
import { requestClient } from "@/lib/auth/request-client";
import { createSession, destroyAllSessions, sessionCookieOptions } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";

/** A new admin password: the current one first (throttled like a login); every other session ends. */
export async function changePassword(_prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await changePasswordOutcome(form), "auth", {
    errors: "auth",
    params: { min: MIN_ADMIN_PASSWORD, max: MAX_ADMIN_PASSWORD },
  });
}

async function changePasswordOutcome(form: FormData): Promise<FormOutcome> {
  await requireSession();
  if (!(form instanceof FormData)) return { message: "badRequest" };
  const [current, password, confirm] = ["current", "password", "confirm"].map((k) => form.get(k));
  if (typeof current !== "string" || typeof password !== "string" || typeof confirm !== "string")
    return { message: "badRequest" };
  if (password.length < MIN_ADMIN_PASSWORD) return { errors: { password: ["passwordTooShort"] } };
  if (password.length > MAX_ADMIN_PASSWORD) return { errors: { password: ["passwordTooLong"] } };
  if (password !== confirm) return { errors: { confirm: ["passwordMismatch"] } };
  if (current.length > MAX_ADMIN_PASSWORD) return { errors: { current: ["wrongPassword"] } };
  const client = await requestClient();
  const attempt = loginThrottle.reserve(throttleKey(client.address));
  if (!attempt.ok) return { message: "rateLimited", params: { seconds: Math.ceil(attempt.retryAfterMs / 1000) } };
  let ok = false;
  try {
    ok = await checkAdminPassword(current);
  } finally {
    attempt.done(ok);
  }
  if (!ok) return { errors: { current: ["wrongPassword"] } };
  await changeAdminPassword(password);
  const { token, expiresAt } = await createSession();
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt, client.https));
  return { ok: true, message: "passwordChanged" };
}

/** Ends every session, in every browser, this one included. */
export async function logoutEverywhere(): Promise<void> {
  await requireSession();
  await destroyAllSessions();
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/login");
}
