"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { checkAdminPassword } from "@/lib/auth/admin";
import { adminExists } from "@/lib/auth/first-run";
import { loginThrottle, throttleKey } from "@/lib/auth/rate-limit";
import { requestClient } from "@/lib/auth/request-client";
import { createSession, sessionCookieOptions } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { MAX_ADMIN_PASSWORD } from "@/lib/auth/policy";
import type { FormOutcome, FormState } from "@/lib/forms/form-state";
import { formTexts } from "@/lib/i18n/form-texts";

export async function login(_prev: FormState, form: FormData): Promise<FormState> {
  return formTexts(await loginOutcome(form), "auth", { errors: "auth" });
}

async function loginOutcome(form: FormData): Promise<FormOutcome> {
  if (!(form instanceof FormData)) return { message: "badRequest" };
  if (!(await adminExists())) return { message: "noAdminYet" };
  const client = await requestClient();
  const password = form.get("password");
  if (typeof password !== "string" || password.length > MAX_ADMIN_PASSWORD)
    return { errors: { password: ["wrongPassword"] } };
  const attempt = loginThrottle.reserve(throttleKey(client.address));
  if (!attempt.ok) return { message: "rateLimited", params: { seconds: Math.ceil(attempt.retryAfterMs / 1000) } };
  let ok = false;
  try {
    ok = await checkAdminPassword(password);
  } finally {
    attempt.done(ok);
  }
  if (!ok) return { errors: { password: ["wrongPassword"] } };
  const { token, expiresAt } = await createSession();
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt, client.https));
  redirect("/");
}
