import type { Command } from "commander";
import { checkConfigFromEnv, connectKey } from "@/lib/checks/config";
import { sendTestMessage } from "@/lib/send-test/send-test-message";
import { emailField } from "@/lib/setup/schema";
import { readStdinSecret } from "../read-stdin";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

export function register(program: Command) {
  program
    .command("send-test")
    .argument("<domain>", "the setup's domain")
    .requiredOption("--from <mailbox>", "one of the setup's mailboxes (also the login)")
    .requiredOption("--to <address>", "an address you can read elsewhere (Gmail, Outlook…)")
    .option("--password-stdin", "read the mailbox password from standard input (required; never stored)")
    .description(
      "Submit a short test message on the server's port 587 (STARTTLS, the mailbox's login), then read it where it arrives and run: postwright headers message.eml. POSTWRIGHT_CONNECT aims it elsewhere (IP[:PORT]=HOST[:PORT]). Exit 1 when the server refuses it.",
    )
    .action(async (domain: string, o: { from: string; to: string; passwordStdin?: boolean }) => {
      const setup = await setupFromArg(domain);
      const doc = setup.document;
      if (!doc.mailboxes.some((m) => m.address === o.from.toLowerCase()))
        throw new UsageError(
          `--from must be one of ${domain}'s mailboxes: ${doc.mailboxes.map((m) => m.address).join(", ") || "none yet"}`,
        );
      const to = emailField.safeParse(o.to);
      if (!to.success) throw new UsageError(`--to is not an e-mail address: ${o.to}`);
      if (!o.passwordStdin) throw new UsageError("give the mailbox password on standard input with --password-stdin");
      const password = await readStdinSecret();
      if (!password) throw new UsageError("the password read from standard input is empty");
      let connect: { host: string; port: number };
      try {
        const ip = doc.ipv4 ?? doc.ipv6!;
        const map = checkConfigFromEnv(process.env).connect;
        const mapped = map[connectKey(ip, 587)] ?? map[connectKey(ip, 0)];
        connect = mapped ? { host: mapped.host, port: mapped.port || 587 } : { host: ip, port: 587 };
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const r = await sendTestMessage({
        hostname: doc.hostname,
        connect,
        from: o.from.toLowerCase(),
        password,
        to: to.data,
      });
      if (r.ok) process.stdout.write(`Sent to ${to.data}: ${r.response}\n`);
      else {
        process.stderr.write(`postwright: not sent (${r.reason}): ${r.detail}\n`);
        process.exitCode = 1;
      }
    });
}
