import { requireApiSession } from "@/lib/auth/guard";
import { streamCheckRun } from "@/lib/use-cases/run-and-store-checks";
import { getSetup } from "@/lib/setup/store";

export const dynamic = "force-dynamic";

/** Runs the checks and streams NDJSON: one {"type":"result"} line per check as it finishes, then {"type":"done"}. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  const scope = new URL(request.url).searchParams.get("scope") === "network" ? "network" : "all";
  return new Response(streamCheckRun(setup, scope, request.signal), {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
