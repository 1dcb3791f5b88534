import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/auth/csp";
import { isCrossOriginWrite, isPublicPath } from "@/lib/auth/public-paths";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";

/**
 * The first gate: cross-origin writes are refused, and requests without a
 * session cookie go to the login page (pages) or get 401 (API). Every page,
 * action and route checks the session itself too (lib/auth/guard.ts).
 * Each answer carries a CSP with a fresh nonce.
 */
export function proxy(request: NextRequest) {
  if (isCrossOriginWrite(request.method, request.headers)) {
    return new NextResponse("Cross-origin request refused", { status: 403 });
  }
  const { pathname } = request.nextUrl;
  if (!isPublicPath(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "authentication required" }, { status: 401 });
    return NextResponse.redirect(new URL("/login", request.url));
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
