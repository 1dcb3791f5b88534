import { Option, type Command } from "commander";
import explanations from "@/messages/en/dns.json";
import { renderRecordsJson } from "@/lib/dns/records-json";
import { renderRecordsTable } from "@/lib/dns/records-table";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { zoneSerial } from "@/lib/dns/zone-serial";
import { dnsPlanFor } from "@/lib/use-cases/dns-plan";
import { toAsciiHostname } from "@/lib/setup/names";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

const notices: Record<string, string> = {
  "relay-include-unknown":
    "SPF names your relay by a: because its provider's include domain is unknown; give it with --relay-include DOMAIN (see the provider's documentation).",
  "no-caa-issuer": "No CAA record: the ACME directory is not a known CA.",
  "tlsa-needs-dnssec": "TLSA (DANE) is left out: the zone is not DNSSEC-signed (pass --dnssec if it is).",
  "hostname-outside-domain": "The mail host lies outside the domain: publish its records in its own zone.",
  "report-address-outside-domain":
    "The DMARC report address is in another domain: that domain must publish the authorization record listed.",
  "no-dkim-keys": "No active DKIM key.",
};

export function register(program: Command) {
  program
    .command("records")
    .argument("<domain>", "the setup's domain")
    .description(
      "Print every DNS record the setup needs: a table, a BIND zone file, or JSON. Makes the DKIM keys on first use.",
    )
    .addOption(new Option("--format <format>", "output format").choices(["table", "zone", "json"]).default("table"))
    .option("--dnssec", "the zone is DNSSEC-signed: include TLSA (DANE) records")
    .option("--relay-include <domain>", "the relay provider's SPF include domain")
    .option("--nameserver <name...>", "the zone's name servers for the zone file's SOA/NS (placeholders otherwise)")
    .action(
      async (
        domain: string,
        opts: { format: "table" | "zone" | "json"; dnssec?: boolean; relayInclude?: string; nameserver?: string[] },
      ) => {
        const relayInclude = opts.relayInclude === undefined ? undefined : toAsciiHostname(opts.relayInclude);
        if (relayInclude === null) throw new UsageError(`--relay-include: "${opts.relayInclude}" is not a domain name`);
        const nameservers = opts.nameserver?.map((n) => toAsciiHostname(n) ?? "");
        if (nameservers?.includes(""))
          throw new UsageError(`--nameserver: not a host name in "${opts.nameserver?.join(" ")}"`);
        const setup = await setupFromArg(domain);
        const plan = await dnsPlanFor(setup, { dnssec: opts.dnssec, relayInclude });
        if (opts.format === "json") return void process.stdout.write(renderRecordsJson(plan));
        if (opts.format === "zone")
          return void process.stdout.write(
            renderZoneFile(plan.records, { origin: plan.origin, serial: zoneSerial(new Date()), nameservers }),
          );
        process.stdout.write(
          renderRecordsTable(plan, (p) => explanations.purposes[p as keyof typeof explanations.purposes] ?? p),
        );
        for (const n of plan.notices) process.stderr.write(`note: ${notices[n] ?? n}\n`);
      },
    );
}
