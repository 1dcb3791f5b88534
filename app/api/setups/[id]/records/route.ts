import { requireApiSession } from "@/lib/auth/guard";
import { renderRecordsJson } from "@/lib/dns/records-json";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { zoneSerial } from "@/lib/dns/zone-serial";
import { dnsPlanFor } from "@/lib/use-cases/dns-plan";
import { getSetup } from "@/lib/setup/store";

/** The DNS records as a BIND zone file (?format=zone) or JSON (?format=json), as a download. ?dnssec=1 adds TLSA. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = await requireApiSession(request);
  if (denied) return denied;
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (format !== "zone" && format !== "json")
    return Response.json({ error: 'format must be "zone" or "json"' }, { status: 400 });
  const setup = await getSetup((await params).id);
  if (!setup) return Response.json({ error: "no such setup" }, { status: 404 });
  const plan = await dnsPlanFor(setup, { dnssec: url.searchParams.get("dnssec") === "1" });
  const body =
    format === "zone"
      ? renderZoneFile(plan.records, { origin: plan.origin, serial: zoneSerial(new Date()) })
      : renderRecordsJson(plan);
  return new Response(body, {
    headers: {
      "content-type": format === "zone" ? "text/dns; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${setup.domain}.${format === "zone" ? "zone" : "dns.json"}"`,
      "cache-control": "no-store",
    },
  });
}
