import type { Command } from "commander";
import { formatProviderDkim, presetDkimRecords } from "@/lib/relay/provider-dkim";
import { relayPresetIds, relayPresets } from "@/lib/relay/presets";
import { saveRelay } from "@/lib/relay/save-relay";
import { readStdinSecret } from "../read-stdin";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

const collect = (v: string, all: string[]) => [...all, v];

export function register(program: Command) {
  program
    .command("relay")
    .argument("[domain]", "the setup's domain")
    .description(
      "Send the setup's mail through a relay (smarthost): a preset (--relay brevo, fastmail, amazon-ses --region …) or a relay of your own (--relay custom --host …). --list shows the presets and where each value comes from.",
    )
    .option("--list", "list the relay presets (with --json: as JSON)")
    .option("--json", "with --list: print JSON")
    .option("--relay <preset>", `a preset (${relayPresetIds.join(", ")}) or "custom"`)
    .option("--region <region>", "the region of your account (amazon-ses)")
    .option("--host <host>", "custom relay: its host name")
    .option("--port <n>", "the relay's port (default: the preset's, else 587)")
    .option("--username <name>", "the relay login")
    .option("--password-stdin", "read the relay password from standard input (without it, the stored one is kept)")
    .option("--spf-include <domain>", "custom relay: the SPF include its provider documents")
    .option(
      "--dkim <record>",
      'the provider\'s DKIM record "NAME TYPE VALUE" (repeat the option for each)',
      collect,
      [],
    )
    .option("--fingerprint <sha256>", "pin the relay's certificate (SHA-256 fingerprint)")
    .action(async (domain: string | undefined, o: Record<string, string | string[] | boolean | undefined>) => {
      if (o.list) {
        if (o.json) process.stdout.write(JSON.stringify(relayPresets, null, 2) + "\n");
        else
          for (const p of relayPresets)
            process.stdout.write(
              `${p.id.padEnd(13)} ${p.host}:${p.port} ${p.tls === "implicit" ? "TLS" : "STARTTLS"}${p.spfInclude ? `  SPF include:${p.spfInclude}` : ""}${p.dkim?.length ? `  DKIM ${p.dkim.length}×${p.dkim[0].type}` : ""}${p.regions ? `  regions ${p.regions.join(",")}` : ""}\n${" ".repeat(14)}${p.sources.join("\n" + " ".repeat(14))}\n`,
            );
        return;
      }
      if (!domain) throw new UsageError("give the setup's domain (or --list)");
      if (typeof o.relay !== "string") throw new UsageError("--relay PRESET (or custom) is required");
      const custom = o.relay === "custom";
      if (!custom && !relayPresetIds.includes(o.relay))
        throw new UsageError(`unknown relay preset "${o.relay}"; one of: ${relayPresetIds.join(", ")}, custom`);
      const preset = relayPresets.find((p) => p.id === o.relay);
      if (custom && !o.host) throw new UsageError("--relay custom needs --host");
      if (!custom && (o.host || o.spfInclude))
        throw new UsageError("--host and --spf-include belong to --relay custom: a preset fixes them");
      if (typeof o.username !== "string") throw new UsageError("--username is required");
      const setup = await setupFromArg(domain);
      const password = o.passwordStdin ? await readStdinSecret() : "";
      const dkim = (o.dkim as string[]).length
        ? (o.dkim as string[]).join("\n")
        : preset && !preset.dkim?.some((t) => /\{(selector|name|value|tenant)\}/.test(`${t.name} ${t.value}`))
          ? formatProviderDkim(presetDkimRecords(preset, setup.domain))
          : "";
      const r = await saveRelay(setup.id, {
        preset: custom ? "" : o.relay,
        region: String(o.region ?? ""),
        host: String(o.host ?? ""),
        port: String(o.port ?? preset?.port ?? 587),
        username: o.username,
        spfInclude: String(o.spfInclude ?? ""),
        providerDkim: dkim,
        tlsFingerprint: String(o.fingerprint ?? ""),
        password,
      });
      if (!r.ok) {
        const fields = Object.entries(r.errors ?? {}).map(([f, keys]) => `${f}: ${keys.join(", ")}`);
        const lines = r.params?.lines ? [`--dkim record(s) ${r.params.lines} must read NAME TYPE VALUE`] : [];
        throw new UsageError(
          [
            r.message === "relayConflict" ? "the setup changed meanwhile: try again" : "the relay was not saved",
            ...fields,
            ...lines,
          ].join("; "),
        );
      }
      const d = r.setup.document.delivery;
      if (d.mode === "relay")
        process.stdout.write(
          `Mail of ${r.setup.domain} now leaves through ${d.host}:${d.port}${d.spfInclude ? ` (SPF include:${d.spfInclude})` : ""}${d.providerDkim?.length ? `, with ${d.providerDkim.length} DKIM record(s) of the provider` : ""}. Publish the records again: postwright records ${r.setup.domain}\n`,
        );
      if (preset?.dkim?.length && d.mode === "relay" && !d.providerDkim?.length)
        process.stdout.write(
          `${preset.name} can sign as your domain: copy its DKIM records from its dashboard and give them with --dkim "NAME TYPE VALUE".\n`,
        );
    });
}
