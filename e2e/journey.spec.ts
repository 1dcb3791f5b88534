import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { renderMailFiles } from "@/lib/mailconf/mail-files";
import { toAsciiEmail, toAsciiHostname } from "@/lib/setup/names";
import { readBundle, mailInputsFromBundle } from "../test/rig/bundle-files";
import { RIG_IPV4, RIG_IPV6, startChecksRig, type ChecksRig } from "../test/rig/checks-rig";
import { imapsFetchAll } from "../test/rig/imap";
import { installMail, type MailInstall } from "../test/rig/mail-install";
import { startPebble, type PebbleServer } from "../test/rig/pebble";
import { freePort, waitFor } from "../test/rig/ports";
import { startSmtpRelay } from "../test/rig/smtp-relay";
import { makeTestCertificate } from "../test/rig/test-certificate";
import { claimAdmin, expect, test as base } from "./fixtures";

// Issue 7: the whole journey, as a new user makes it, on 127.0.15.0/24.
// The checks rig's BIND is the domain's DNS host (the test publishes there what
// the pages give, as the user would at a registrar), Pebble is the CA and
// validates through that BIND, a loopback smarthost requiring AUTH is the relay.

const NET = "127.0.15";
const RELAY_NAME = "smtp.relay.example";
const RELAY_USER = "relay-user@example.org";
const RELAY_PASSWORD = "relay pass:with#odd$chars";
const PASSWORDS = { anna: "anna-password-journey", bob: "bob-password-journey" };

type Lang = "en" | "fr";
const JOURNEYS: { lang: Lang; domain: string; mailAddress: string }[] = [
  { lang: "en", domain: "bücher.test", mailAddress: `${NET}.10` },
  { lang: "fr", domain: "crème-brûlée.test", mailAddress: `${NET}.11` },
];

/** The labels the test finds things by, as a user reads them. */
const L = {
  en: {
    newSetup: "A new mail setup",
    domain: "Domain",
    adminEmail: "Your contact address",
    addMailbox: "Add a mailbox",
    mailboxAddress: (n: number) => `Mailbox ${n}: address`,
    mailboxPassword: (n: number) => `Mailbox ${n}: password`,
    create: "Create the setup",
    network: "Network",
    relayForm: "Send through a relay (smarthost)",
    relayHost: "Relay host",
    relayPort: "Port",
    relayUser: "Username",
    relayPassword: "Password",
    relayFingerprint: "Certificate fingerprint (SHA-256, optional)",
    relaySave: "Use this relay",
    relayInUse: `Mail leaves through the relay ${RELAY_NAME}:587.`,
    dnsStep: /^DNS records/,
    dnsTitle: "DNS records",
    copyDmarc: "Copy: value of _dmarc TXT",
    copied: "Copied",
    downloadZone: "Download the zone file (BIND)",
    published: "I have published these records",
    toChecks: "Go to the checks",
    checksTitle: "Checks",
    certificateStep: /^Certificate/,
    certificateTitle: "TLS certificate",
    manual: /DNS record, by hand/,
    tos: /I accept the CA's terms of service/,
    getCertificate: "Get the certificate",
    notYet: "does not serve it yet",
    caaForbids: (d: string) => `${d}: CAA allows only letsencrypt.org, not this CA (pebble.test).`,
    currentCertificate: "Current certificate",
    preflightChecking: "Checking CAA, the names and port 80…",
    mailStep: /^Mail server/,
    mailTitle: "Mail server configuration",
    files: "Configuration files",
    contents: (p: string) => `Contents of ${p}`,
    toBundle: "Continue to the bundle",
    bundleTitle: "Bundle",
    download: "Download the bundle",
  },
  fr: {
    newSetup: "Une nouvelle configuration",
    domain: "Domaine",
    adminEmail: "Votre adresse de contact",
    addMailbox: "Ajouter une boîte",
    mailboxAddress: (n: number) => `Boîte ${n} : adresse`,
    mailboxPassword: (n: number) => `Boîte ${n} : mot de passe`,
    create: "Créer la configuration",
    network: "Réseau",
    relayForm: "Envoyer par un relais (smarthost)",
    relayHost: "Hôte du relais",
    relayPort: "Port",
    relayUser: "Identifiant",
    relayPassword: "Mot de passe",
    relayFingerprint: "Empreinte du certificat (SHA-256, facultative)",
    relaySave: "Utiliser ce relais",
    relayInUse: `Le courrier sort par le relais ${RELAY_NAME}:587.`,
    dnsStep: /^Enregistrements DNS/,
    dnsTitle: "Enregistrements DNS",
    copyDmarc: /valeur TXT de l’hôte _dmarc/,
    copied: /Copié/,
    downloadZone: "Télécharger le fichier de zone (BIND)",
    published: "J’ai publié ces enregistrements",
    toChecks: "Aller aux vérifications",
    checksTitle: "Vérifications",
    certificateStep: /^Certificat/,
    certificateTitle: "Certificat TLS",
    manual: /Enregistrement DNS, à la main/,
    tos: /J’accepte les conditions d’utilisation/,
    getCertificate: "Obtenir le certificat",
    notYet: "ne le sert pas encore",
    caaForbids: (d: string) => `${d} : CAA autorise seulement letsencrypt.org, pas cette AC (pebble.test).`,
    currentCertificate: "Certificat actuel",
    preflightChecking: "Vérification du CAA, des noms et du port 80…",
    mailStep: /^Serveur de messagerie/,
    mailTitle: "Configuration du serveur de messagerie",
    files: "Fichiers de configuration",
    contents: (p: string) => `Contenu du fichier ${p}`,
    toBundle: "Continuer vers l’archive d’installation",
    bundleTitle: "Archive d’installation",
    download: "Télécharger l’archive d’installation",
  },
} satisfies Record<Lang, unknown>;

interface World {
  rig: ChecksRig;
  pebble: PebbleServer;
  relay: Awaited<ReturnType<typeof startSmtpRelay>>;
  relayPort: number;
  /** The relay's certificate fingerprint as the user reads it: `openssl x509 -noout -fingerprint -sha256` */
  relayFingerprint: string;
  mail: { current?: MailInstall };
}

function swaks(args: string[]) {
  const r = spawnSync("swaks", ["--timeout", "15", "--hide-informational", ...args], { encoding: "utf8" });
  return `${r.stdout}${r.stderr}`;
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

for (const { lang, domain, mailAddress } of JOURNEYS) {
  const ascii = toAsciiHostname(domain)!;
  const t = L[lang];
  const anna = `anna@${ascii}`;
  const bob = `bob@${ascii}`;

  const test = base.extend<{ world: World }>({
    world: async ({}, use) => {
      const started: { stop(): Promise<void> }[] = [];
      const mail: World["mail"] = {};
      try {
        const rig = await startChecksRig({ net: NET, setup: { domain: ascii } });
        started.push(rig);
        const pebble = await startPebble({ address: `${NET}.5`, dnsServer: rig.ns1 });
        started.push(pebble);
        const cert = makeTestCertificate([RELAY_NAME]);
        const relayPort = await freePort(`${NET}.20`);
        const relay = await startSmtpRelay({
          address: `${NET}.20`,
          port: relayPort,
          implicitTls: false,
          username: RELAY_USER,
          password: RELAY_PASSWORD,
          tls: { cert: cert.certPem, key: cert.keyPem },
        });
        started.push(relay);
        const relayFingerprint = execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], {
          input: cert.certPem,
          encoding: "utf8",
        }).trim();
        await use({ rig, pebble, relay, relayPort, relayFingerprint, mail });
      } finally {
        await mail.current?.stop();
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
      }
    },
    serverEnv: async ({ world }, use) => {
      const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-journey-ca-")), "ca.pem");
      fs.writeFileSync(ca, world.rig.deps.tlsCa!.join("\n"));
      await use({
        ...world.rig.env(),
        NODE_EXTRA_CA_CERTS: ca,
        POSTWRIGHT_CHECK_INTERVAL_MS: "1000",
        // Nothing listens there: the ISP drops outbound port 25.
        POSTWRIGHT_PORT25_PROBES: `${NET}.8:9`,
        POSTWRIGHT_ACME_DIRECTORY: world.pebble.directoryUrl,
        POSTWRIGHT_ACME_CA_CERT: world.pebble.listenerCaFile,
        POSTWRIGHT_DNS_SERVERS: `${world.rig.ns1.address}:${world.rig.ns1.port}`,
        POSTWRIGHT_DNS_NAMESERVER_PORT: String(world.rig.nsPort),
        POSTWRIGHT_ACME_HTTP_PORT: String(world.pebble.httpPort),
        POSTWRIGHT_ACME_CAA_IDENTITIES: "pebble.test",
      });
    },
  });

  // Stop the pages' re-checking before the server and the rig are torn down.
  test.afterEach(async ({ page }) => {
    await page.goto("about:blank");
  });

  test(`the whole journey in a browser (${lang}): ${domain}, relay, certificate, bundle installed, mail sent and read`, async ({
    page,
    context,
    server,
    world,
  }, testInfo) => {
    const { rig, pebble, relay } = world;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });

    // 1. The first-run link, the admin password (in French: the language switched first, from the page's header).
    if (lang === "fr") {
      await page.goto(server.url + server.setupLink()!);
      await page.getByRole("button", { name: "Français" }).click();
      await expect(page.getByRole("button", { name: "Français" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByLabel("Nouveau mot de passe")).toBeVisible();
    }
    await claimAdmin(page, server);
    await shot(page, testInfo, "01-admin-password");

    // 2. A new setup through the form, with an international domain name.
    await page.goto(`${server.url}/setups/new`);
    await expect(page.getByRole("heading", { name: t.newSetup })).toBeVisible();
    await page.getByLabel(t.domain, { exact: true }).fill(domain);
    await page.locator("input[name=ipv4]").fill(RIG_IPV4);
    await page.locator("input[name=ipv6]").fill(RIG_IPV6);
    await page.getByLabel(t.adminEmail).fill("owner@example.org");
    for (const [i, [address, password]] of [
      [`anna@${domain}`, PASSWORDS.anna],
      [`bob@${domain}`, PASSWORDS.bob],
    ].entries()) {
      await page.getByRole("button", { name: t.addMailbox }).click();
      await page.getByLabel(t.mailboxAddress(i + 1)).fill(address);
      await page.getByLabel(t.mailboxPassword(i + 1)).fill(password);
    }
    await shot(page, testInfo, "02-new-setup");
    await page.getByRole("button", { name: t.create }).click();

    // 3. Network: outbound port 25 is blocked, so the user switches to the relay. The relay's certificate
    // is its own (no CA the box knows signed it): the user pins it by the fingerprint the provider gave.
    await expect(page).toHaveURL(/\/setups\/[\w-]+\/network$/);
    const id = page.url().split("/").at(-2)!;
    await expect(page.getByRole("heading", { name: t.network, exact: true })).toBeVisible();
    await expect(page.locator("li[data-check=port25-outbound]")).toHaveAttribute("data-status", "fail");
    await shot(page, testInfo, "03a-network-port25-blocked");
    const relayForm = page.getByRole("form", { name: t.relayForm });
    await relayForm.getByLabel(t.relayHost).fill(RELAY_NAME);
    await relayForm.getByLabel(t.relayPort).fill("587");
    await relayForm.getByLabel(t.relayUser).fill(RELAY_USER);
    await relayForm.getByLabel(t.relayPassword, { exact: true }).fill(RELAY_PASSWORD);
    await relayForm.getByLabel(t.relayFingerprint).fill(world.relayFingerprint);
    await relayForm.getByRole("button", { name: t.relaySave }).click();
    await expect(page.getByText(t.relayInUse)).toBeVisible();
    await shot(page, testInfo, "03b-network-relay");

    // 4. DNS records: one value copied, the zone file downloaded and published at the "registrar".
    await page.getByRole("link", { name: t.dnsStep }).click();
    await expect(page.getByRole("heading", { name: t.dnsTitle, exact: true })).toBeVisible();
    const copy = page.getByRole("button", { name: t.copyDmarc });
    await copy.click();
    await expect(copy).toHaveText(t.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^v=DMARC1;/);
    const [zoneDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t.downloadZone }).click(),
    ]);
    expect(zoneDownload.suggestedFilename()).toBe(`${ascii}.zone`);
    const zone = fs.readFileSync(await zoneDownload.path(), "utf8");
    expect(zone).toMatch(/\sIN\s+MX\s+10 mail\./);
    await rig.publish(rig.zoneFor(zone));
    await page.getByRole("button", { name: t.published }).click();
    await shot(page, testInfo, "04-dns-records");

    // 5. Checks: the published records turn green on the page.
    await page.getByRole("link", { name: t.toChecks }).click();
    await expect(page.getByRole("heading", { name: t.checksTitle, exact: true })).toBeVisible();
    for (const check of ["ns", "mx", "a", "aaaa", "spf", "dkim", "dmarc", "mta-sts", "ptr", "dnsbl"]) {
      await expect(page.locator(`li[data-check=${check}]`), check).toHaveAttribute("data-status", "pass", {
        timeout: 20_000,
      });
    }
    await shot(page, testInfo, "05-checks");

    // 6. Certificate: DNS-01 by hand, the user publishing the TXT records the page gives.
    await page.getByRole("link", { name: t.certificateStep }).click();
    await expect(page.getByRole("heading", { name: t.certificateTitle })).toBeVisible();
    await page.getByRole("radio", { name: t.manual }).check();
    await page.getByRole("checkbox", { name: t.tos }).check();
    await page.getByRole("button", { name: t.getCertificate }).click();
    // The zone names the CA the setup started with (Let's Encrypt); this server's CA is Pebble.
    // The page says so and what to change: the user edits the CAA record at the registrar and tries again.
    await expect(page.getByText(t.caaForbids(ascii)).first()).toBeVisible();
    await shot(page, testInfo, "06a-certificate-caa");
    expect(zone).toMatch(/\sCAA\s+0 issue "letsencrypt\.org"/);
    const withCaa = zone.replace(/(\sCAA\s+0 issue )"letsencrypt\.org"/, '$1"pebble.test"');
    await rig.publish(rig.zoneFor(withCaa));
    // "then check again": the page's checks see the new record once the DNS cache (≤ 5 s) lets go of the old one.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("button", { name: t.getCertificate })).toBeVisible();
      // The preflight's findings stream in after the form.
      await expect(page.getByText(t.preflightChecking)).toHaveCount(0);
      await expect(page.getByText(t.caaForbids(ascii))).toHaveCount(0, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("radio", { name: t.manual }).check();
    await page.getByRole("checkbox", { name: t.tos }).check();
    await page.getByRole("button", { name: t.getCertificate }).click();
    await expect(page.getByTestId("txt-name")).toHaveText([
      `_acme-challenge.mail.${ascii}`,
      `_acme-challenge.mta-sts.${ascii}`,
      `_acme-challenge.autoconfig.${ascii}`,
      `_acme-challenge.autodiscover.${ascii}`,
    ]);
    await expect(page.getByText(t.notYet).first()).toBeVisible();
    const names = await page.getByTestId("txt-name").allTextContents();
    const values = await page.getByTestId("txt-value").allTextContents();
    await shot(page, testInfo, "06b-certificate-challenge");
    await rig.publish(rig.zoneFor(`${withCaa}\n${names.map((n, i) => `${n}. 60 IN TXT "${values[i]}"`).join("\n")}`));
    await expect(page.getByRole("heading", { name: t.currentCertificate })).toBeVisible({ timeout: 30_000 });
    // Every name the plan points at the box and nginx serves over HTTPS.
    await expect(
      page.getByText(`mail.${ascii}, mta-sts.${ascii}, autoconfig.${ascii}, autodiscover.${ascii}`),
    ).toBeVisible();
    await expect(page.getByText(/Pebble Intermediate CA/)).toBeVisible();
    expect(pebble.orderCount()).toBe(1);
    await shot(page, testInfo, "06c-certificate");

    // 7. Mail server: the rendered configuration, file by file.
    await page.getByRole("link", { name: t.mailStep }).click();
    await expect(page.getByRole("heading", { name: t.mailTitle })).toBeVisible();
    const files = page.getByRole("navigation", { name: t.files });
    await files.getByRole("button", { name: "main.cf" }).click();
    const mainCf = page.getByLabel(t.contents("/etc/postfix/main.cf"));
    await expect(mainCf).toContainText(`myhostname = mail.${ascii}`);
    await expect(mainCf).toContainText(`relayhost = [${RELAY_NAME}]:587`);
    await expect(mainCf).toContainText("smtp_tls_security_level = fingerprint");
    await shot(page, testInfo, "07-mail-configuration");

    // 8. Bundle: downloaded from the browser, installed on this machine, a message sent and read.
    await page.getByRole("link", { name: t.toBundle }).click();
    await expect(page.getByRole("heading", { name: t.bundleTitle, exact: true })).toBeVisible();
    const [bundleDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t.download, exact: true }).click(),
    ]);
    expect(bundleDownload.suggestedFilename()).toBe(`postwright-${ascii}.tar.gz`);
    await shot(page, testInfo, "08-bundle");
    const bundle = readBundle(await bundleDownload.path());
    expect(bundle.manifest).toMatchObject({ domain: ascii, hostname: `mail.${ascii}`, includePrivateKeys: true });
    const chain = bundle.files.find((f) => f.path === "/etc/postwright/tls/fullchain.pem");
    expect(chain?.content).toContain("BEGIN CERTIFICATE");
    // What the bundle's files say, rendered again, gives the same bytes: the install's rooted copies are these files.
    const doc = JSON.parse(server.cli(["export", ascii]).stdout);
    const inputs = mailInputsFromBundle(bundle.files, doc);
    const strip = (f: { path: string; content: string; mode: number; owner: string; group: string }) => ({
      path: f.path,
      content: f.content,
      mode: f.mode,
      owner: f.owner,
      group: f.group,
    });
    expect(renderMailFiles(inputs).map(strip)).toEqual(bundle.files.map(strip));

    const mail = await installMail(inputs, {
      address: mailAddress,
      shipped: bundle.files,
      relayAt: { host: `${NET}.20`, port: world.relayPort },
    });
    world.mail.current = mail;
    const submit = (to: string, subject: string) =>
      swaks([
        "--server",
        `${mailAddress}:${mail.ports.submission}`,
        "--tls",
        "--auth",
        "PLAIN",
        "--auth-user",
        anna,
        "--auth-password",
        PASSWORDS.anna,
        "--from",
        anna,
        "--to",
        to,
        "--header",
        `Subject: ${subject}`,
        "--body",
        `Hello from the ${lang} journey`,
      ]);
    const local = submit(bob, `journey ${lang}`);
    expect(local, local).toMatch(/<~\s+250 2\.0\.0 Ok: queued/);
    await waitFor(`delivery to bob\n${mail.logs()}`, () => (mail.delivered(bob).length ? true : undefined), 15_000);
    const transcript = await imapsFetchAll({
      host: mailAddress,
      port: mail.ports.imaps,
      user: bob,
      password: PASSWORDS.bob,
    });
    expect(transcript).toContain(`Subject: journey ${lang}`);
    expect(transcript).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256;/m);
    expect(transcript).toContain(`d=${ascii};`);

    // Relay mode: an outside recipient's mail leaves through the relay, authenticated.
    const outside = submit("friend@outside.test", `journey ${lang} outside`);
    expect(outside, outside).toMatch(/<~\s+250 2\.0\.0 Ok: queued/);
    const [relayed] = await waitFor(
      `relay delivery\n${mail.logs()}`,
      () => (relay.received.length ? relay.received : undefined),
      20_000,
    );
    expect(relayed).toMatchObject({ user: RELAY_USER, secure: true, to: ["friend@outside.test"] });
    // The relay (smtp-server) hands over the sender's domain decoded to Unicode.
    expect(toAsciiEmail(relayed.from)).toBe(anna);
    expect(relayed.data).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256;/m);
    expect(relayed.data).toContain(`Subject: journey ${lang} outside`);
    // Postfix gave the password only after the relay's certificate matched the pinned fingerprint.
    expect(mail.logs()).toMatch(/Verified TLS connection established to [^\n]*127\.0\.15\.20/);
    expect(relay.authAttempts).toEqual([{ username: RELAY_USER, ok: true }]);
  });
}
