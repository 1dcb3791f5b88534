import fs from "node:fs";
import { writePrivateFile } from "@/scripts/server/private-file.mjs";
import path from "node:path";
import { Option, type Command } from "commander";
import type { OrderRecord } from "@/lib/acme/order-record";
import { acmeDirectoryKeys, directoryUrlFor, type AcmeMethod } from "@/lib/setup/options";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

// lib/acme (acme-client, axios, forge) loads only when `cert` runs: other commands start faster.
const load = () =>
  Promise.all([
    import("@/lib/acme/acme-env"),
    import("@/lib/acme/ca-errors"),
    import("@/lib/acme/dns-update"),
    import("@/lib/acme/http-challenge-listener"),
    import("@/lib/use-cases/order-certificate"),
  ]);

interface CertOptions {
  directory?: string;
  challenge?: "dns-01" | "http-01";
  rfc2136?: string;
  tsig?: string;
  httpPort?: string;
  out?: string;
  caCert?: string;
  email?: string;
  agreeTos?: boolean;
  eabKid?: string;
  eabHmac?: string;
  dnsServer?: string;
  nameserverPort?: string;
  caaIdentity?: string;
  pollSeconds: string;
  timeout: string;
  force?: boolean;
}

function writeFiles(dir: string, chainPem: string, keyPem: string) {
  fs.mkdirSync(dir, { recursive: true });
  // Owner-only from the first byte, also over existing files (lib: scripts/server/private-file.mjs).
  writePrivateFile(path.join(dir, "fullchain.pem"), chainPem);
  const key = path.join(dir, "privkey.pem");
  writePrivateFile(key, keyPem);
  console.log(`Wrote ${path.join(dir, "fullchain.pem")} and ${key} (0600).`);
}

function describeWait(order: OrderRecord, shown: Set<string>) {
  for (const c of order.data.challenges) {
    if (c.alreadyValid) {
      // The CA reused a recent valid authorization (Let's Encrypt does): nothing to publish for this name.
      if (!shown.has(c.identifier))
        console.log(`${c.identifier}: the CA already holds a recent proof, no record to add.`);
      shown.add(c.identifier);
      continue;
    }
    if (!shown.has(c.txtName!)) {
      shown.add(c.txtName!);
      console.log(`Publish this TXT record at your DNS host:\n  name:  ${c.txtName}\n  value: ${c.txtValue}`);
    }
    const seen = (c.sightings ?? []).map(
      (s) => `${s.name} (${s.address}) ${s.sees ? "serves it" : s.error ? `error: ${s.error}` : "not yet"}`,
    );
    console.log(`  ${c.txtName}: ${seen.join("; ")}`);
  }
}

export function register(program: Command) {
  program
    .command("cert")
    .argument("<domain>", "the setup's domain")
    .description(
      "Get (or resume getting) the TLS certificate of a setup's mail host through ACME, " +
        "and write fullchain.pem and privkey.pem.",
    )
    .option(
      "--directory <url>",
      `ACME directory: ${acmeDirectoryKeys.join(", ")} or an https URL ` +
        "(default: the setup's, or POSTWRIGHT_ACME_DIRECTORY)",
    )
    .addOption(new Option("--challenge <type>", "challenge type (default: the setup's)").choices(["dns-01", "http-01"]))
    .option("--rfc2136 <server[:port]>", "DNS-01 automatically: send RFC 2136 updates to this primary nameserver")
    .option("--tsig <name:alg:secret>", "the TSIG key for --rfc2136, e.g. acme:hmac-sha256:BASE64")
    .option(
      "--http-port <n>",
      "HTTP-01: port of the challenge listener and the port CAs connect to (default 80, or POSTWRIGHT_ACME_HTTP_PORT)",
    )
    .option("--out <dir>", "folder to write fullchain.pem and privkey.pem to")
    .option(
      "--ca-cert <file>",
      "trust this CA certificate for the directory's HTTPS (a private ACME server), or POSTWRIGHT_ACME_CA_CERT",
    )
    .option("--email <address>", "ACME account contact (default: the setup's ACME e-mail or admin e-mail)")
    .option("--agree-tos", "accept the CA's terms of service (shown first)")
    .option("--eab-kid <kid>", "External Account Binding key ID (ZeroSSL)")
    .option("--eab-hmac <key>", "External Account Binding HMAC key (ZeroSSL)")
    .option(
      "--dns-server <list>",
      "resolvers to use, ADDR[:PORT] separated by commas (default: the system's, or POSTWRIGHT_DNS_SERVERS)",
    )
    .option("--nameserver-port <n>", "port the zone's authoritative nameservers are asked on (default 53)")
    .option(
      "--caa-identity <list>",
      "the CA's domain(s) in CAA records, separated by commas, when its directory does not say",
    )
    .option("--poll-seconds <n>", "seconds between DNS checks while waiting", "10")
    .option("--timeout <minutes>", "give up waiting after this long (the order is kept: run again to resume)", "60")
    .option("--force", "order a new certificate even when the current one is not due for renewal")
    .action(async (domain: string, o: CertOptions) => {
      const [
        { acmeEnv },
        { explainAcmeError },
        { parseTsigKey, parseUpdateServer },
        { startHttpChallengeListener },
        useCase,
      ] = await load();
      const setup = await setupFromArg(domain);
      const usage = <T>(parse: () => T): T => {
        try {
          return parse();
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
      };
      const env = usage(() => acmeEnv(process.env, o));
      if (!!o.rfc2136 !== !!o.tsig) throw new UsageError("--rfc2136 and --tsig go together");
      if (o.rfc2136 && o.challenge === "http-01")
        throw new UsageError("--rfc2136 is a DNS-01 method: do not combine it with --challenge http-01");
      if (!!o.eabKid !== !!o.eabHmac) throw new UsageError("--eab-kid and --eab-hmac go together");
      const tsig = o.tsig ? usage(() => parseTsigKey(o.tsig!)) : undefined;
      if (o.rfc2136) usage(() => parseUpdateServer(o.rfc2136!));
      const directory = o.directory ?? env.directoryOverride ?? setup.document.acme.directory;
      if (!/^https:\/\/\S+$/.test(directoryUrlFor(directory)))
        throw new UsageError(`--directory must be ${acmeDirectoryKeys.join(", ")} or an https URL, got "${directory}"`);
      const challenge = o.rfc2136
        ? "dns-01"
        : (o.challenge ?? (setup.document.acme.challenge === "http-01" ? "http-01" : "dns-01"));
      const method: AcmeMethod = challenge === "http-01" ? "http-01" : o.rfc2136 ? "dns-01-rfc2136" : "dns-01-manual";
      const pollMs = Number(o.pollSeconds) * 1000;
      const deadline = Date.now() + Number(o.timeout) * 60_000;
      if (!(pollMs > 0) || !(deadline > Date.now()))
        throw new UsageError("--poll-seconds and --timeout must be positive numbers");

      const notDue = o.force ? null : await useCase.currentCertificateNotDue(setup.id, env);
      if (notDue) {
        const { certificate: c, plan } = notDue;
        const until = `valid until ${c.notAfter.toISOString()} (${plan.daysLeft} days left)`;
        console.log(
          `The certificate for ${c.names.join(", ")} is ${until}; renewal from ${plan.renewAt.toISOString()}. ` +
            "Use --force to order a new one.",
        );
        if (o.out) writeFiles(o.out, c.chainPem, c.privateKeyPem);
        return;
      }

      let started: Awaited<ReturnType<typeof useCase.orderCertificate>>;
      try {
        started = await useCase.orderCertificate(
          setup,
          {
            directory,
            method,
            email: o.email,
            termsOfServiceAgreed: !!o.agreeTos,
            eab: o.eabKid ? { kid: o.eabKid, hmacKey: o.eabHmac! } : undefined,
            rfc2136: o.rfc2136 && tsig ? { server: o.rfc2136, key: tsig } : undefined,
          },
          env,
        );
      } catch (e) {
        // A dead CA or directory: its plain words, never a stack trace.
        const p = explainAcmeError(e);
        process.exitCode = 1;
        return console.error(`${p.message}\n${p.advice}\n(${p.detail})`);
      }
      if (started.status === "refused")
        throw new UsageError(
          started.reason === "terms"
            ? `${started.message}\nRead them, then run again with --agree-tos.`
            : `${started.message} Pass --eab-kid and --eab-hmac.`,
        );
      if (started.preflight) {
        for (const i of started.preflight.items)
          if (i.status !== "pass")
            console.log(`${i.status.toUpperCase()} ${i.name}: ${i.summary}${i.fix ? `\n  ${i.fix}` : ""}`);
        if (started.status === "blocked") {
          process.exitCode = 1;
          return console.error("Nothing was ordered: fix the problems above and run again.");
        }
        if (started.preflight.recommended !== method)
          console.log(`Note: ${started.preflight.recommended} looks likelier to work here.`);
      }
      if (started.status === "blocked") return;
      const verb = started.status === "resumed" ? "Resuming" : "Started";
      const names = started.order.data.names.join(", ");
      console.log(`${verb} order ${started.order.id} (${method}, ${names}) at ${started.directoryUrl}`);
      const listener =
        method === "http-01"
          ? await startHttpChallengeListener({ port: env.httpPort }).catch((e: Error) => {
              throw new UsageError(e.message);
            })
          : null;
      let result;
      try {
        result = await useCase.followOrder(started.order.id, env, { pollMs, deadline, onUpdate: progressPrinter() });
      } finally {
        await listener?.close();
      }
      const { order, outcome } = result;
      if (outcome !== "done") {
        process.exitCode = 1;
        const p = order.data.problem;
        return console.error(
          outcome === "stopped"
            ? "Giving up for now after 5 attempts: the order is kept. Run the same command again to resume it."
            : outcome === "timeout"
              ? "Still waiting: the order is kept. Run the same command again to resume it."
              : p
                ? `${p.message}\n${p.advice}\nThe CA said: ${p.detail}`
                : (order.error ?? "The order failed."),
        );
      }
      const cert = (await useCase.currentCertificate(setup.id))!;
      const days = Math.floor((cert.notAfter.getTime() - Date.now()) / 86_400_000);
      const until = `valid until ${cert.notAfter.toISOString()} (${days} days)`;
      console.log(`Certificate for ${cert.names.join(", ")} from ${cert.issuer}, ${until}.`);
      if (o.out) writeFiles(o.out, cert.chainPem, cert.privateKeyPem);
    });
}

/**
 * Prints each new step, the CA's order, the TXT records to publish and who
 * serves them; stops after 5 problems in a row.
 */
function progressPrinter() {
  const shown = new Set<string>();
  let last = "";
  let problems = 0;
  return (order: OrderRecord): boolean => {
    if (order.orderUrl && !last) console.log(`CA order: ${order.orderUrl}`);
    if (order.state !== last) console.log(`Step: ${order.state}`);
    last = order.state;
    if (order.state === "done" || order.state === "failed") return true;
    const p = order.data.problem;
    if (p) {
      console.log(`Problem: ${p.message} ${p.advice}\n  (${p.detail})`);
      if (++problems >= 5) return false;
    } else problems = 0;
    if (order.data.waitingForDns) describeWait(order, shown);
    return true;
  };
}
