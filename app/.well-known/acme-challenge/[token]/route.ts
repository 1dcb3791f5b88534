import { findHttpChallengeAnswer } from "@/lib/acme/order-record";

export const dynamic = "force-dynamic";

/**
 * HTTP-01 answers for the CA. Public on purpose (the CA has no session; see
 * lib/auth/public-paths.ts): it only ever reveals the key authorization of a
 * token of an order under way, which the CA already knows.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const answer = await findHttpChallengeAnswer((await params).token);
  return new Response(answer ?? "not found", {
    status: answer ? 200 : 404,
    headers: { "content-type": "text/plain", "cache-control": "no-store" },
  });
}
