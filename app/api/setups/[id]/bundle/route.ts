import { requireApiSession } from "@/lib/auth/guard";
import { BundleError } from "@/lib/pipeline/load-mail-inputs";
import { UnsafeConfigValueError } from "@/lib/mailconf/config-value";
import { getTranslations } from "next-intl/server";
import { bundleName, displayDomain } from "@/lib/setup/derived";
import { getSetup } from "@/lib/setup/store";
import { makeBundle } from "@/lib/use-cases/make-bundle";

/** The bundle as a .tar.gz download; ?privateKeys=0 leaves the private keys out. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  const includePrivateKeys = new URL(request.url).searchParams.get("privateKeys") !== "0";
  try {
    const bytes = await makeBundle(setup, { includePrivateKeys });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/gzip",
        "content-disposition": `attachment; filename="${bundleName(setup.domain)}${includePrivateKeys ? "" : "-no-private-keys"}.tar.gz"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    const t = await getTranslations("bundle.errors");
    if (e instanceof BundleError)
      return Response.json(
        {
          error: e.code,
          message: t(e.code, { domain: displayDomain(setup.domain), addresses: e.addresses.join(", ") }),
        },
        { status: 409 },
      );
    if (e instanceof UnsafeConfigValueError)
      return Response.json(
        { error: "unsafe-value", field: e.field, message: t("unsafe-value", { field: e.field }) },
        { status: 409 },
      );
    throw e;
  }
}
