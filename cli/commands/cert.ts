import fs from "node:fs";
import { writePrivateFile } from "@/scripts/server/private-file.mjs";
import path from "node:path";
import { Option, type Command } from "commander";
import type { OrderRecord } from "@/lib/acme/order-record";
import { acmeContact, certificateNames, ownAddresses } from "@/lib/setup/derived";
import { directoryUrlFor } from "@/lib/setup/options";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

// lib/acme (acme-client, axios, forge) loads only when `cert` runs: other commands start faster.
const load = async () => ({
  ...(await import("@/lib/acme/acme-env")),
  ...(await import("@/lib/acme/certificate-store")),
  ...(await import("@/lib/acme/dns-update")),
  ...(await import("@/lib/acme/http-challenge-listener")),
  ...(await import("@/lib/acme/order-machine")),
  ...(await import("@/lib/acme/renewal")),
  ...(await import("@/lib/acme/start-order")),
});

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
      "Get (or resume getting) the TLS certificate of a setup's mail host through ACME, and write fullchain.pem and privkey.pem.",
    )
    .option(
      "--directory <url>",
      "ACME directory: letsencrypt, letsencrypt-staging, zerossl or an https URL (default: the setup's, or POSTWRIGHT_ACME_DIRECTORY)",
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
      const {
        acmeEnv,
        getCurrentCertificate,
        parseUpdateServer,
        parseTsigKey,
        startHttpChallengeListener,
        advanceOrder,
        renewalPlan,
        startOrder,
      } = await load();
      const setup = await setupFromArg(domain);
      let env: ReturnType<typeof acmeEnv>;
      try {
        env = acmeEnv({
          ...process.env,
          ...(o.caCert ? { POSTWRIGHT_ACME_CA_CERT: o.caCert } : {}),
          ...(o.dnsServer ? { POSTWRIGHT_DNS_SERVERS: o.dnsServer } : {}),
          ...(o.nameserverPort ? { POSTWRIGHT_DNS_NAMESERVER_PORT: o.nameserverPort } : {}),
          ...(o.httpPort ? { POSTWRIGHT_ACME_HTTP_PORT: o.httpPort } : {}),
          ...(o.caaIdentity ? { POSTWRIGHT_ACME_CAA_IDENTITIES: o.caaIdentity } : {}),
        });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      if ((o.rfc2136 && !o.tsig) || (!o.rfc2136 && o.tsig)) throw new UsageError("--rfc2136 and --tsig go together");
      if (o.rfc2136 && o.challenge === "http-01")
        throw new UsageError("--rfc2136 is a DNS-01 method: do not combine it with --challenge http-01");
      if (!!o.eabKid !== !!o.eabHmac) throw new UsageError("--eab-kid and --eab-hmac go together");
      let tsig;
      try {
        tsig = o.tsig ? parseTsigKey(o.tsig) : undefined;
        if (o.rfc2136) parseUpdateServer(o.rfc2136);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const directory = o.directory ?? env.directoryOverride ?? setup.document.acme.directory;
      const directoryUrl = directoryUrlFor(directory);
      if (!/^https:\/\/\S+$/.test(directoryUrl))
        throw new UsageError(
          `--directory must be letsencrypt, letsencrypt-staging, zerossl or an https URL, got "${directory}"`,
        );
      const challenge = o.rfc2136
        ? "dns-01"
        : (o.challenge ?? (setup.document.acme.challenge === "http-01" ? "http-01" : "dns-01"));
      const method: OrderRecord["method"] =
        challenge === "http-01" ? "http-01" : o.rfc2136 ? "dns-01-rfc2136" : "dns-01-manual";
      const pollMs = Number(o.pollSeconds) * 1000;
      const deadline = Date.now() + Number(o.timeout) * 60_000;
      if (!(pollMs > 0) || !(deadline > Date.now()))
        throw new UsageError("--poll-seconds and --timeout must be positive numbers");

      const current = await getCurrentCertificate(setup.id);
      if (current && !o.force) {
        const plan = await renewalPlan(setup.id, env);
        if (plan && !plan.due) {
          console.log(
            `The certificate for ${current.names.join(", ")} is valid until ${current.notAfter.toISOString()} (${plan.daysLeft} days left); renewal from ${plan.renewAt.toISOString()}. Use --force to order a new one.`,
          );
          if (o.out) writeFiles(o.out, current.chainPem, current.privateKeyPem);
          return;
        }
      }

      const started = await startOrder(
        {
          setupId: setup.id,
          names: certificateNames(setup.document),
          directoryUrl,
          email: o.email ?? acmeContact(setup.document),
          method,
          termsOfServiceAgreed: !!o.agreeTos,
          eab: o.eabKid ? { kid: o.eabKid, hmacKey: o.eabHmac! } : undefined,
          rfc2136: o.rfc2136 && tsig ? { server: o.rfc2136, key: tsig } : undefined,
          caaIdentities: env.caaIdentities,
          expectedAddresses: ownAddresses(setup.document),
        },
        env,
      );
      if (started.status === "refused")
        throw new UsageError(
          started.reason === "terms"
            ? `${started.message}\nRead them, then run again with --agree-tos.`
            : `${started.message} Pass --eab-kid and --eab-hmac.`,
        );
      if (started.status === "blocked" || started.preflight) {
        const p = started.status === "blocked" ? started.preflight : started.preflight!;
        for (const i of p.items)
          if (i.status !== "pass")
            console.log(`${i.status.toUpperCase()} ${i.name}: ${i.summary}${i.fix ? `\n  ${i.fix}` : ""}`);
        if (started.status === "blocked") {
          process.exitCode = 1;
          return console.error("Nothing was ordered: fix the problems above and run again.");
        }
        if (p.recommended !== method) console.log(`Note: ${p.recommended} looks likelier to work here.`);
      }
      let order = started.order;
      console.log(
        `${started.status === "resumed" ? "Resuming" : "Started"} order ${order.id} (${method}, ${order.data.names.join(", ")}) at ${directoryUrl}`,
      );
      const listener =
        method === "http-01"
          ? await startHttpChallengeListener({ port: env.httpPort }).catch((e: Error) => {
              throw new UsageError(e.message);
            })
          : null;
      try {
        const shown = new Set<string>();
        let last = "";
        let problems = 0;
        for (;;) {
          order = await advanceOrder(order.id, env);
          if (order.orderUrl && !last) console.log(`CA order: ${order.orderUrl}`);
          if (order.state !== last) console.log(`Step: ${order.state}`);
          last = order.state;
          if (order.state === "done" || order.state === "failed") break;
          if (order.data.problem) {
            console.log(
              `Problem: ${order.data.problem.message} ${order.data.problem.advice}\n  (${order.data.problem.detail})`,
            );
            if (++problems >= 5) {
              process.exitCode = 1;
              return console.error(
                "Giving up for now after 5 attempts: the order is kept. Run the same command again to resume it.",
              );
            }
          } else problems = 0;
          if (order.data.waitingForDns) describeWait(order, shown);
          if (Date.now() > deadline) {
            process.exitCode = 1;
            return console.error("Still waiting: the order is kept. Run the same command again to resume it.");
          }
          await new Promise((r) => setTimeout(r, pollMs));
        }
      } finally {
        await listener?.close();
      }
      if (order.state === "failed") {
        process.exitCode = 1;
        const p = order.data.problem;
        return console.error(
          p ? `${p.message}\n${p.advice}\nThe CA said: ${p.detail}` : (order.error ?? "The order failed."),
        );
      }
      const cert = (await getCurrentCertificate(setup.id))!;
      const days = Math.floor((cert.notAfter.getTime() - Date.now()) / 86_400_000);
      console.log(
        `Certificate for ${cert.names.join(", ")} from ${cert.issuer}, valid until ${cert.notAfter.toISOString()} (${days} days).`,
      );
      if (o.out) writeFiles(o.out, cert.chainPem, cert.privateKeyPem);
    });
}
