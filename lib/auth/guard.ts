import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isValidSession } from "./session";
import { SESSION_COOKIE } from "./session-cookie";

const currentSessionValid = cache(async () => isValidSession((await cookies()).get(SESSION_COOKIE)?.value));

/** First call of every page and server action: no valid session, no entry. */
export async function requireSession(): Promise<void> {
  if (!(await currentSessionValid())) redirect("/login");
}

/** For route handlers: a 401 response to return, or null to go on. */
export async function requireApiSession(request: Request): Promise<Response | null> {
  const token = request.headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (await isValidSession(token)) return null;
  return Response.json({ error: "authentication required" }, { status: 401 });
}
