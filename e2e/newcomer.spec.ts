import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// A newcomer on a phone (375×812), in English and in French: the step strip
// shows where they are, every step change answers at once, a refused form keeps
// what was typed (passwords too, and across a language switch), a pasted URL
// is read as the domain, hints fit a new setup, Next follows a save, relay mode
// can be left, a second setup for the same domain points to the first, the
// Status page opens with one verdict, and a missing page speaks their language.
test.use({ viewport: { width: 375, height: 812 } });

const L = {
  en: {
    button: "English",
    home: "Your mail setups",
    newSetup: "New setup",
    newTitle: "A new mail setup",
    domain: "Domain",
    ipv4: "Public IPv4 address",
    ipv4HintNew: /The Network step, next, checks/,
    ipv4NotPublic: /This IPv4 address is private/,
    keepCurrent: /keep the current one/,
    contact: "Your contact address",
    addMailbox: "Add a mailbox",
    mbAddress: /^Mailbox 1\s*: address$/,
    mbPassword: /^Mailbox 1\s*: password$/,
    create: "Create the setup",
    stepsNav: "Setup steps",
    loading: /Loading/,
    steps: {
      network: "Network",
      domain: "Domain",
      dns: "DNS records",
      checks: "Checks",
      certificate: "Certificate",
      mail: "Mail server",
      bundle: "Bundle",
    },
    headings: {
      network: "Network",
      domain: "Domain, addresses and policies",
      dns: "DNS records",
      checks: "Checks",
      certificate: "TLS certificate",
      mail: "Mail server configuration",
      bundle: "Bundle",
    },
    save: "Save",
    saved: "Saved.",
    nextDns: /^Next: DNS records/,
    punycode: /Punycode/,
    ptrAlready: /already points to this address/,
    ptrPending: /its A record is being published/,
    taken: "A setup already exists for this domain.",
    openExisting: "Open the existing setup",
    switchDirect: "Switch to direct delivery",
    introDirect: /can this network run a mail server/,
    introRelay: /Mail leaves through the relay/,
    status: "Status",
    verdict: /^(Mail can be sent and received\.|Mail cannot flow yet\. What blocks it: )/,
    lastRun: /last run/,
    notFound: "Page not found",
  },
  fr: {
    button: "Français",
    home: "Vos configurations de messagerie",
    newSetup: "Nouvelle configuration",
    newTitle: "Une nouvelle configuration",
    domain: "Domaine",
    ipv4: "Adresse IPv4 publique",
    ipv4HintNew: /L’étape Réseau, juste après, vérifie/,
    ipv4NotPublic: /Cette adresse IPv4 est privée/,
    keepCurrent: /garder l’actuel/,
    contact: "Votre adresse de contact",
    addMailbox: "Ajouter une boîte",
    mbAddress: /^Boîte 1\s*: adresse$/,
    mbPassword: /^Boîte 1\s*: mot de passe$/,
    create: "Créer la configuration",
    stepsNav: "Étapes de la configuration",
    loading: /Chargement/,
    steps: {
      network: "Réseau",
      domain: "Domaine",
      dns: "Enregistrements DNS",
      checks: "Vérifications",
      certificate: "Certificat",
      mail: "Serveur de messagerie",
      bundle: "Archive d’installation",
    },
    headings: {
      network: "Réseau",
      domain: "Domaine, adresses et politiques",
      dns: "Enregistrements DNS",
      checks: "Vérifications",
      certificate: "Certificat TLS",
      mail: "Configuration du serveur de messagerie",
      bundle: "Archive d’installation",
    },
    save: "Enregistrer",
    saved: "Enregistré.",
    nextDns: /^Étape suivante\s*: Enregistrements DNS/,
    punycode: /Punycode/,
    ptrAlready: /pointe déjà vers cette adresse/,
    ptrPending: /son enregistrement A est en cours de publication/,
    taken: "Une configuration existe déjà pour ce domaine.",
    openExisting: "Ouvrir la configuration existante",
    switchDirect: "Passer à la livraison directe",
    introDirect: /ce réseau peut-il faire tourner un serveur de messagerie/,
    introRelay: /Le courrier sort par le relais/,
    status: "État",
    verdict:
      /^(Le courrier peut être envoyé et reçu\.|Le courrier ne peut pas encore circuler\. Ce qui le bloque\s*: )/,
    lastRun: /dernière vérification/,
    notFound: "Page introuvable",
  },
} as const;

type Lang = keyof typeof L;
const stepIds = ["network", "domain", "dns", "checks", "certificate", "mail", "bundle"] as const;

async function fillNewSetup(page: Page, t: (typeof L)[Lang], domain: string, ipv4: string) {
  await page.getByLabel(t.domain, { exact: true }).fill(domain);
  await page.getByLabel(t.ipv4).fill(ipv4);
  await page.getByLabel(t.contact).fill("owner@example.org");
}

for (const [lang, other, domain] of [
  ["en", "fr", "zoë-newcomer.test"],
  ["fr", "en", "élodie-mail.test"],
] as const) {
  test(`a newcomer never gets lost (${lang}, 375×812)`, async ({ adminPage: page, server }, testInfo: TestInfo) => {
    const t = L[lang];
    const o = L[other];
    if (lang !== "en") await page.getByRole("button", { name: t.button }).click();
    await expect(page.getByRole("heading", { name: t.home })).toBeVisible();

    // A new setup: hints written for someone who has no setup yet.
    await page.getByRole("link", { name: t.newSetup }).click();
    await expect(page.getByRole("heading", { name: t.newTitle })).toBeVisible();
    await expect(page.getByText(t.ipv4HintNew)).toBeVisible();
    await expect(page.getByText(t.keepCurrent)).toHaveCount(0);

    // A URL pasted as the domain, a private IPv4, a mailbox with its password.
    await fillNewSetup(page, t, `https://${domain}/`, "10.0.0.7");
    await page.getByRole("button", { name: t.addMailbox }).click();
    await page.getByLabel(t.mbAddress).fill(`anna@${domain}`);
    await page.getByLabel(t.mbPassword).fill("a long mailbox password");

    // Switching language mid-form keeps every field, the password included.
    await page.getByRole("button", { name: o.button }).click();
    await expect(page.getByRole("heading", { name: o.newTitle })).toBeVisible();
    await expect(page.getByLabel(o.domain, { exact: true })).toHaveValue(`https://${domain}/`);
    await expect(page.getByLabel(o.mbPassword)).toHaveValue("a long mailbox password");
    await page.getByRole("button", { name: t.button }).click();
    await expect(page.getByRole("heading", { name: t.newTitle })).toBeVisible();
    await expect(page.getByLabel(t.mbPassword)).toHaveValue("a long mailbox password");

    // Refused (the private address): the password survives, the URL is read as the domain.
    await page.getByRole("button", { name: t.create }).click();
    await expect(page.getByLabel(t.ipv4)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(t.ipv4)).toBeFocused();
    await expect(page.getByLabel(t.mbPassword)).toHaveValue("a long mailbox password");
    await expect(page.getByLabel(t.domain, { exact: true })).toHaveValue(domain);
    // The refusal, translated on the server in every language, follows a language switch in place.
    await expect(page.locator("#f-ipv4-error")).toHaveText(t.ipv4NotPublic);
    await page.getByRole("button", { name: o.button }).click();
    await expect(page.locator("#f-ipv4-error")).toHaveText(o.ipv4NotPublic);
    await expect(page.getByLabel(o.mbPassword)).toHaveValue("a long mailbox password");
    await page.getByRole("button", { name: t.button }).click();
    await expect(page.locator("#f-ipv4-error")).toHaveText(t.ipv4NotPublic);
    await page.getByLabel(t.ipv4).fill("203.0.113.7");
    await page.getByRole("button", { name: t.create }).click();
    await expect(page).toHaveURL(/\/setups\/[^/]+\/network$/);
    const setupUrl = page.url().replace(/\/network$/, "");

    // The step strip: the current step is marked, and in view on a phone.
    const strip = page.getByRole("navigation", { name: t.stepsNav });
    const current = strip.locator('[aria-current="step"]');
    await expect(current).toContainText(t.steps.network);
    await expect(current).toBeInViewport();

    // Every step change answers at once: the step answers slowly here (3 s), feedback comes before it.
    const feedback: Record<string, number> = {};
    for (const id of [...stepIds.slice(1), "network" as const]) {
      const slow = new RegExp(`/setups/[^/]+/${id}(\\?.*)?$`);
      await page.route(slow, async (route) => {
        await new Promise((r) => setTimeout(r, 3000));
        await route.continue().catch(() => {});
      });
      const link = strip.getByRole("link", { name: new RegExp(`^\\d?✓?\\s*${t.steps[id]}`) });
      await link.scrollIntoViewIfNeeded();
      // Measured in the page: from the click to the first sign that the step is on its way.
      await page.evaluate(
        ({ id, loading }) => {
          const w = window as unknown as { feedbackMs: number | null };
          w.feedbackMs = null;
          let started = 0;
          const seen = () =>
            [...document.querySelectorAll("[role=status]")].some((e) =>
              new RegExp(loading).test(e.textContent ?? ""),
            ) || !!document.querySelector(`[aria-current="step"][href$="/${id}"]`);
          const observer = new MutationObserver(() => {
            if (started && w.feedbackMs === null && seen()) {
              w.feedbackMs = performance.now() - started;
              observer.disconnect();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          document.addEventListener("click", () => (started = performance.now()), { capture: true, once: true });
        },
        { id, loading: t.loading.source },
      );
      await link.click();
      await expect(
        page
          .getByRole("status")
          .filter({ hasText: t.loading })
          .or(strip.locator(`[aria-current="step"][href$="/${id}"]`))
          .first(),
      ).toBeVisible({ timeout: 2000 });
      feedback[id] = Math.round(
        (await page.evaluate(() => (window as unknown as { feedbackMs: number }).feedbackMs)) ?? -1,
      );
      expect(feedback[id], `feedback for ${id}`).toBeGreaterThanOrEqual(0);
      expect(feedback[id], `feedback for ${id}`).toBeLessThan(500);
      await expect(page.getByRole("heading", { name: t.headings[id], exact: true }).first()).toBeVisible({
        timeout: 30_000,
      });
      await expect(strip.locator('[aria-current="step"]')).toContainText(t.steps[id]);
      await expect(strip.locator('[aria-current="step"]')).toBeInViewport();
      await page.unroute(slow);
    }
    testInfo.annotations.push({ type: "feedback ms", description: JSON.stringify(feedback) });
    console.log(`step-change feedback (ms, the step itself delayed 3 s): ${JSON.stringify(feedback)}`);

    // By keyboard: the Domain step's link, then Enter.
    await strip.getByRole("link", { name: new RegExp(t.steps.domain) }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: t.headings.domain })).toBeVisible();

    // Punycode is explained where the ASCII form first shows.
    await expect(page.getByText(t.punycode).first()).toBeVisible();
    await expect(page.getByText(t.keepCurrent)).toBeVisible(); // an existing setup: passwords can be kept now

    // Next after a save.
    await page.getByRole("button", { name: t.save, exact: true }).click();
    await expect(page.getByText(t.saved, { exact: true })).toBeVisible();
    await page.getByRole("link", { name: t.nextDns }).first().click();
    await expect(page.getByRole("heading", { name: t.headings.dns, exact: true }).first()).toBeVisible();
    await expect(page.getByText(t.punycode).first()).toBeVisible();
    // No check has seen the A record: the message for the ISP does not claim it.
    await expect(page.getByText(t.ptrAlready)).toHaveCount(0);
    await expect(page.getByText(t.ptrPending)).toBeVisible();

    // A second setup for the same domain points to the first.
    await page.goto(`${server.url}/setups/new`);
    await fillNewSetup(page, t, domain, "203.0.113.8");
    await page.getByRole("button", { name: t.create }).click();
    await expect(page.locator("#f-domain-error")).toHaveText(t.taken);
    await page.getByRole("link", { name: t.openExisting }).click();
    await expect(page).toHaveURL(new RegExp(`^${setupUrl}/`));

    // Relay mode can be left: back to direct delivery on the Network step.
    const relay = server.cli(
      ["relay", domain, "--relay", "custom", "--host", "smtp.relay.example", "--username", "me", "--password-stdin"],
      "a relay password",
    );
    expect(relay.status, relay.stderr).toBe(0);
    await page.goto(`${setupUrl}/network`);
    await expect(page.getByText(t.introRelay)).toBeVisible();
    await page.getByRole("button", { name: t.switchDirect }).click();
    await expect(page.getByText(t.introDirect)).toBeVisible();
    await expect(page.getByRole("button", { name: t.switchDirect })).toHaveCount(0);

    // The Status page opens with one verdict and one "last run" time.
    await page.getByRole("link", { name: t.status, exact: true }).click();
    const verdict = page.locator("[data-verdict]");
    await expect(verdict).toHaveCount(1);
    await expect(verdict).toHaveText(t.verdict, { timeout: 60_000 });
    await expect(page.getByText(t.lastRun)).toHaveCount(1, { timeout: 60_000 });
    await page.goto("about:blank");

    // A page that does not exist, in the reader's language.
    await page.goto(`${server.url}/no-such-page`);
    await expect(page.getByRole("heading", { name: t.notFound })).toBeVisible();
  });
}
