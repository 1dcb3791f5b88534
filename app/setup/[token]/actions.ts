"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { claimAdmin } from "@/lib/auth/admin";
import { MAX_ADMIN_PASSWORD, MIN_ADMIN_PASSWORD } from "@/lib/auth/policy";
import { requestClient } from "@/lib/auth/request-client";
import { createSession, sessionCookieOptions } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";

export async function setAdminPassword(_prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await setAdminPasswordOutcome(form), "auth", {
    errors: "auth",
    params: { min: MIN_ADMIN_PASSWORD, max: MAX_ADMIN_PASSWORD },
  });
}

async function setAdminPasswordOutcome(form: FormData): Promise<FormOutcome> {
  if (!(form instanceof FormData)) return { message: "badRequest" };
  const [token, password, confirm] = ["token", "password", "confirm"].map((k) => form.get(k));
  if (typeof token !== "string" || typeof password !== "string" || typeof confirm !== "string")
    return { message: "linkInvalid" };
  if (password.length < MIN_ADMIN_PASSWORD) return { errors: { password: ["passwordTooShort"] } };
  if (password.length > MAX_ADMIN_PASSWORD) return { errors: { password: ["passwordTooLong"] } };
  if (password !== confirm) return { errors: { confirm: ["passwordMismatch"] } };
  if (!(await claimAdmin(token, password))) return { message: "linkInvalid" };
  const { token: session, expiresAt } = await createSession();
  (await cookies()).set(SESSION_COOKIE, session, sessionCookieOptions(expiresAt, (await requestClient()).https));
  redirect("/");
}
