"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { claimAdmin } from "@/lib/auth/admin";
import { MIN_ADMIN_PASSWORD } from "@/lib/auth/policy";
import { createSession, sessionCookieOptions } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { FormState } from "@/lib/forms/form-state";

export async function setAdminPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  if (password.length < MIN_ADMIN_PASSWORD || password.length > 1024)
    return { errors: { password: ["passwordTooShort"] } };
  if (password !== confirm) return { errors: { confirm: ["passwordMismatch"] } };
  if (!(await claimAdmin(token, password))) return { message: "linkInvalid" };
  const { token: session, expiresAt } = await createSession();
  (await cookies()).set(SESSION_COOKIE, session, sessionCookieOptions(expiresAt));
  redirect("/");
}
