"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkAdminPassword } from "@/lib/auth/admin";
import { adminExists } from "@/lib/auth/first-run";
import { createRateLimiter, loginLimiter } from "@/lib/auth/rate-limit";
import { createSession, sessionCookieOptions } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import type { FormState } from "@/lib/forms/form-state";

// Beside the per-client limit, a global one: the client key comes from a header a client can forge.
const globalLimiter = createRateLimiter({ max: 30, windowMs: 15 * 60 * 1000 });

export async function login(_prev: FormState, form: FormData): Promise<FormState> {
  if (!(await adminExists())) return { message: "noAdminYet" };
  const client = (await headers()).get("x-forwarded-for")?.split(",")[0].trim() || "local";
  const wait = Math.max(loginLimiter.retryAfter(client), globalLimiter.retryAfter("all"));
  if (wait > 0) return { message: "rateLimited", params: { minutes: Math.ceil(wait / 60_000) } };
  const password = form.get("password");
  if (typeof password !== "string" || password.length > 1024 || !(await checkAdminPassword(password))) {
    loginLimiter.fail(client);
    globalLimiter.fail("all");
    return { errors: { password: ["wrongPassword"] } };
  }
  loginLimiter.succeed(client);
  const { token, expiresAt } = await createSession();
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt));
  redirect("/");
}
