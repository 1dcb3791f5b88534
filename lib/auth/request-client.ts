import "server-only";
import { headers } from "next/headers";

/**
 * Who sent this request, as the wizard's server (scripts/serve.mjs) saw it: the
 * socket's address (a trusted proxy's X-Forwarded-For only), and whether it came
 * over HTTPS. The server drops any copy of these headers a client sends.
 */
export async function requestClient(): Promise<{ address: string; https: boolean }> {
  const h = await headers();
  return { address: h.get("x-postwright-client") || "local", https: h.get("x-postwright-https") === "1" };
}
