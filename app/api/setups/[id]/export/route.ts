import { requireApiSession } from "@/lib/auth/guard";
import { getSetup } from "@/lib/setup/store";

/** The Setup document as JSON, without any secret. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  return new Response(JSON.stringify(setup.document, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${setup.domain}.postwright.json"`,
      "cache-control": "no-store",
    },
  });
}
