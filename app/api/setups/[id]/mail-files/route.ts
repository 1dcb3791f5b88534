import { requireApiSession } from "@/lib/auth/guard";
import { UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import { loadPreviewFiles } from "@/lib/pipeline/load-preview-files";
import { getSetup } from "@/lib/setup/store";

/**
 * One configuration file's text as the Mail step shows it (?path=/etc/postfix/main.cf): rendered
 * like the page's list, with the secrets a user types masked. The Mail page sends only the list and
 * asks for a file's text when it is opened. A private key is never sent (403).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const filePath = new URL(request.url).searchParams.get("path");
  if (!filePath) return Response.json({ error: "path is required" }, { status: 400 });
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  let files;
  try {
    files = await loadPreviewFiles(setup);
  } catch (e) {
    if (!(e instanceof UnsafeConfigValueError)) throw e;
    return Response.json({ error: `${e.field}: ${e.reason}` }, { status: 409 });
  }
  const file = files.find((f) => f.path === filePath);
  if (!file) return Response.json({ error: "no such file in this setup" }, { status: 404 });
  if (file.privateKey && !file.ask)
    return Response.json({ error: "a private key is only in the bundle" }, { status: 403 });
  return new Response(file.content, {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
