import { getTranslations } from "next-intl/server";
import { requireApiSession } from "@/lib/auth/guard";
import { streamCheckRun } from "@/lib/use-cases/run-and-store-checks";
import { getSetup } from "@/lib/setup/store";
import { localizeResult } from "@/lib/checks/localize";

export const dynamic = "force-dynamic";

/** Runs the checks and streams NDJSON: one {"type":"result"} line per check as it finishes (its texts in the reader's language), then {"type":"done"}. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  const scope = new URL(request.url).searchParams.get("scope") === "network" ? "network" : "all";
  const t = await getTranslations("findings");
  return new Response(
    streamCheckRun(setup, scope, request.signal, (r) => localizeResult(r, t)),
    {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    },
  );
}
