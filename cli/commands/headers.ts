import fs from "node:fs";
import { Option, type Command } from "commander";
import { checkConfigFromEnv, parseConfigValue } from "@/lib/checks/config";
import { UnreadableMessage, MAX_MESSAGE_BYTES } from "@/lib/headers/message-headers";
import { readReceivedMessageLive } from "@/lib/headers/read-message-live";
import { headerReportJson, renderHeaderMessage } from "@/lib/headers/verdict";
import { UsageError } from "../usage-error";

async function readInput(file: string): Promise<Buffer> {
  if (file !== "-") {
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) throw new UsageError(`${file} is not a file`);
      if (st.size > MAX_MESSAGE_BYTES) throw new UsageError(`${file} is larger than 25 MB`);
      return fs.readFileSync(file);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += c.length;
    if (size > MAX_MESSAGE_BYTES) throw new UsageError("standard input is larger than 25 MB");
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export function register(program: Command) {
  program
    .command("headers")
    .argument("<file>", "the received message's source (.eml), or - for standard input")
    .description(
      "Read a message you received from your server elsewhere (Gmail's “Show original”, Outlook's “View source”): what the receiver decided for SPF, DKIM, DMARC, ARC and spam, and Postwright's own verification against live DNS. Exit 0 when DMARC passes, 1 when it does not, 2 when the input is not a message.",
    )
    .option("--json", 'print JSON: { "verdicts": [ { "mechanism", "source", "status", "reason", "fix"? } ], … }')
    .addOption(
      new Option(
        "--resolver <host[:port]>",
        "recursive resolver for the DNS lookups (env POSTWRIGHT_RESOLVER; default 1.1.1.1:53)",
      ),
    )
    .action(async (file: string, opts: { json?: boolean; resolver?: string }) => {
      let config;
      try {
        config = checkConfigFromEnv(process.env);
        if (opts.resolver !== undefined) config.resolver = parseConfigValue("resolver", opts.resolver);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const source = await readInput(file);
      let report;
      try {
        report = await readReceivedMessageLive(source, { resolver: config.resolver, deadlineMs: config.deadlineMs });
      } catch (e) {
        if (e instanceof UnreadableMessage) throw new UsageError(`not a message source: ${e.message}`);
        throw e;
      }
      if (opts.json) process.stdout.write(JSON.stringify(headerReportJson(report), null, 2) + "\n");
      else {
        process.stdout.write(
          `Received by ${report.receiver} from ${report.sendingIp ?? "?"}; From ${report.from}, envelope sender ${report.envelopeFrom ?? "?"}.\n\n`,
        );
        for (const v of report.verdicts) {
          process.stdout.write(
            `${v.source.toUpperCase().padEnd(11)} ${v.mechanism.padEnd(6)} ${v.status.toUpperCase().padEnd(10)} ${renderHeaderMessage(v.reason)}\n`,
          );
          if (v.fix && v.status !== "pass") process.stdout.write(`${" ".repeat(30)}→ ${renderHeaderMessage(v.fix)}\n`);
        }
        process.stdout.write(report.dmarcPassed ? "\nDMARC passed.\n" : "\nDMARC did not pass.\n");
      }
      if (!report.dmarcPassed) process.exitCode = 1;
    });
}
