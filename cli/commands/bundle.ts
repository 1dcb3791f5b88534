import { writePrivateFile } from "@/scripts/server/private-file.mjs";
import type { Command } from "commander";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

const ERRORS: Record<string, (domain: string, addresses: string[]) => string> = {
  "relay-password-missing": () =>
    "the relay password is not stored: set it in the Domain step (or import the setup with delivery.password)",
  "dkim-key-missing": () => "a DKIM private key is missing from the secret store: rotate the DKIM key in the DNS step",
  "no-mailbox": (d) =>
    `the setup has no mailbox, so postmaster@${d}, abuse@${d} and the DMARC and TLS-RPT report address would bounce: ` +
    `add a mailbox in the Domain step, or import the setup again with "mailboxes": [{ "address": "you@${d}", "password": "…" }]`,
  "mailbox-password-missing": (_d, a) =>
    `no password is stored for ${a.join(", ")}: set it in the Domain step (or import the setup with its "password"), ` +
    "or make the bundle with --no-private-keys (install.sh then asks for every mailbox password on the mail host)",
};

export function register(program: Command) {
  program
    .command("bundle")
    .argument("<domain>", "the setup's domain")
    .requiredOption("-o, --output <file>", "where to write the .tar.gz (- for standard output)")
    .option(
      "--no-private-keys",
      "leave every secret out of the bundle (DKIM and TLS keys, relay password, mailbox password hashes): install.sh asks for them",
    )
    .description(
      "Write the mail server bundle: Postfix, Dovecot and rspamd files, the zone file, a README and install.sh.",
    )
    .action(async (domain: string, opts: { output: string; privateKeys: boolean }) => {
      if (opts.output !== "-" && !/\.(tar\.gz|tgz)$/.test(opts.output))
        throw new UsageError("--output must end in .tar.gz or .tgz (or be - for standard output)");
      const setup = await setupFromArg(domain);
      // Loaded lazily: other commands start without the mail and bundle code.
      const { BundleError } = await import("@/lib/pipeline/load-mail-inputs");
      const { makeBundle } = await import("@/lib/use-cases/make-bundle");
      const { UnsafeConfigValueError } = await import("@/lib/mailconf/config-value");
      let bytes: Buffer;
      try {
        bytes = await makeBundle(setup, { includePrivateKeys: opts.privateKeys });
      } catch (e) {
        if (e instanceof BundleError) throw new UsageError(ERRORS[e.code](setup.domain, e.addresses));
        if (e instanceof UnsafeConfigValueError)
          throw new UsageError(`the setup holds a value that cannot go into a configuration file: ${e.message}`);
        throw e;
      }
      if (opts.output === "-") process.stdout.write(bytes);
      else {
        // 0600 in every case, also over an existing file: even without private keys it holds password hashes.
        writePrivateFile(opts.output, bytes);
        process.stderr.write(
          `Wrote ${opts.output} (${bytes.length} bytes${opts.privateKeys ? ", with private keys: keep it safe" : ", without private keys"}).\n`,
        );
      }
    });
}
