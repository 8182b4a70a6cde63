import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

// The pages every public service publishes (footer), the "Aide" page, and Maillage installed on a phone.
let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const email = `ines.${Date.now().toString(36)}@exemple.fr`;
const LEGAL = {
  LEGAL_PUBLISHER: 'Association Estuaire Numérique, 12 rue du Port, 44260 Savenay',
  LEGAL_HOST: 'Hébergeur Exemple SAS, 2 rue des Serveurs, 59100 Roubaix',
  LEGAL_DIRECTOR: 'Camille Martin, présidente',
  LEGAL_CONTACT: 'contact@estuaire-numerique.example',
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(LEGAL), launchBrowser()]);
  const em = server.orm.em.fork();
  await createMember(em, { email, password: PASSWORD, displayName: 'Inès Martin' }, { ip: '127.0.0.1' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function footerLink(page: Page, name: string, pathname: string): Promise<void> {
  await page.getByRole('contentinfo').getByRole('link', { name }).click();
  await page.waitForURL((url) => url.pathname === pathname);
  await page.waitForLoadState('networkidle');
}

describe('the pages a public service must publish', () => {
  it('are linked from the footer of every page and show the configured publisher, host, director and contact', async () => {
    const { context, page } = await newPage(browser);
    await visit(page, server.url, '/agenda');

    await footerLink(page, 'Mentions légales', '/mentions-legales');
    expect(new URL(page.url()).pathname).toBe('/mentions-legales');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mentions légales');
    for (const value of Object.values(LEGAL)) await expect(page.getByText(value).count()).resolves.toBe(1);
    await expect(page.getByText('Non renseigné').count()).resolves.toBe(0);
    await expectAccessible(page);
    await expectWorksAt360(page);

    await footerLink(page, 'Conditions d’utilisation', '/conditions-utilisation');
    expect(new URL(page.url()).pathname).toBe('/conditions-utilisation');
    await expect(page.getByRole('link', { name: 'charte du réseau' }).getAttribute('href')).resolves.toBe('/charte');
    await expectAccessible(page);
    await expectWorksAt360(page);

    await footerLink(page, 'Confidentialité', '/confidentialite');
    expect(new URL(page.url()).pathname).toBe('/confidentialite');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Politique de confidentialité');
    await expect(page.getByText('Une session de connexion dure 30 jours au plus').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Mes données' }).first().getAttribute('href')).resolves.toBe('/mes-donnees');
    await expect(page.getByText(LEGAL.LEGAL_CONTACT).count()).resolves.toBe(1);
    await expectAccessible(page);
    await expectWorksAt360(page);

    await footerLink(page, 'Accessibilité : partiellement conforme', '/accessibilite');
    expect(new URL(page.url()).pathname).toBe('/accessibilite');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Déclaration d’accessibilité');
    await expect(page.getByText('partiellement conforme', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Voies de recours' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'formulaire en ligne' }).getAttribute('href')).resolves.toBe(
      'https://formulaire.defenseurdesdroits.fr/',
    );
    await expect(page.getByText('Libre réponse 71120').count()).resolves.toBe(1);
    await expectAccessible(page);
    await expectWorksAt360(page);
    await context.close();
  });

  it('say honestly what the operator has not set yet', async () => {
    const bare = await startProductServer();
    try {
      const { context, page } = await newPage(browser);
      await visit(page, bare.url, '/mentions-legales');
      await expect(
        page.getByText('Non renseigné : l’exploitant du site doit l’indiquer (variable LEGAL_PUBLISHER).').count(),
      ).resolves.toBe(1);
      await expect(page.getByText('(variable LEGAL_HOST)').count()).resolves.toBe(1);
      await context.close();
    } finally {
      await bare.close();
    }
  });

  it('the help page explains the four journeys with screenshots of the product, each with its description', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/');
    await footerLink(page, 'Aide', '/aide');
    expect(new URL(page.url()).pathname).toBe('/aide');
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual([
      '1. Créer votre compte',
      '2. Poser une question au réseau',
      '3. Vous inscrire à un atelier ou un événement',
      '4. Échanger du temps',
      french('5. Une autre question ?'),
    ]);
    const images = page.locator('article img');
    await expect(images.count()).resolves.toBe(4);
    for (const image of await images.all()) {
      await image.scrollIntoViewIfNeeded();
      await expect(image.getAttribute('alt')).resolves.toMatch(/sur un téléphone/);
      // Loaded for real (a missing file has no natural width).
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(360);
    }
    await expectAccessible(page);
    await expectWorksAt360(page);
    await context.close();
  });
});

describe('installable on a phone', () => {
  it('serves a web app manifest with its icons', async () => {
    const response = await fetch(`${server.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ short_name: 'Maillage', lang: 'fr', start_url: '/', display: 'standalone', theme_color: '#1f5f5b' });
    expect(manifest.name).toMatch(/Maillage/);
    const png = manifest.icons.filter((icon) => icon.src.endsWith('.png'));
    expect(png.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of png) {
      const file = await fetch(server.url + icon.src);
      expect(file.headers.get('content-type')).toBe('image/png');
      const bytes = new DataView(await file.arrayBuffer());
      // A PNG's width and height are in its IHDR chunk, at bytes 16 and 20.
      const size = `${bytes.getUint32(16)}x${bytes.getUint32(20)}`;
      expect(size).toBe(icon.sizes);
    }
    const { context, page } = await newPage(browser);
    await page.goto(server.url + '/');
    await expect(page.locator('link[rel="manifest"]').getAttribute('href')).resolves.toMatch(/manifest\.webmanifest$/);
    await context.close();
  });

  it('keeps the pages a member visited readable offline, with a dated "hors ligne" notice, and never shows a kept copy when online', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/connexion?retour=%2Fagenda%2Fmes-inscriptions`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL(`${server.url}/agenda/mes-inscriptions`, { timeout: 60_000 });
    // The service worker is registered and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    // Loaded once under its control (the first load came before it), then a page reached by a link inside the app.
    await page.reload({ waitUntil: 'networkidle' });
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Aide' }).click();
    await page.waitForURL(`${server.url}/aide`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.evaluate(async () => (await caches.open('maillage-pages')).match(location.href).then(Boolean))).toBe(true);
    // Kept in the page's language (the worker's own requests may say another), so that it starts offline.
    await expect(page.evaluate(async () => (await (await caches.open('maillage-pages')).match(location.href))?.text())).resolves.toMatch(
      /<html lang="fr"/,
    );
    await expect(page.getByText('Vous êtes hors ligne').count()).resolves.toBe(0);

    await context.setOffline(true);
    await page.goto(`${server.url}/agenda/mes-inscriptions`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
    const notice = page.getByRole('status').filter({ hasText: 'Vous êtes hors ligne' });
    await expect(notice.textContent()).resolves.toMatch(
      /^Vous êtes hors ligne\u00a0: cette page date du [a-z]+ \d+ [a-zéû]+, \d+\u202fh(\u202f\d\d)?\. /,
    );
    await expectAccessible(page);

    await page.goto(`${server.url}/aide`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(french('Aide : utiliser Maillage pas à pas'));

    // A page never visited, and one that holds secrets, are not kept.
    await page.goto(`${server.url}/projets`).catch(() => undefined);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hors ligne');
    await page.goto(`${server.url}/profil`).catch(() => undefined);
    await expect(page.getByText('Vous êtes hors ligne : cette page date').count()).resolves.toBe(0);

    // Back online: the fresh page, without the notice.
    await context.setOffline(false);
    await page.goto(`${server.url}/agenda/mes-inscriptions`);
    await page.waitForLoadState('networkidle');
    await expect(page.getByText('Vous êtes hors ligne').count()).resolves.toBe(0);

    // Signing out forgets every kept page.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForLoadState('networkidle');
    await expect
      .poll(() =>
        page.evaluate(
          async (url) => Boolean(await (await caches.open('maillage-pages')).match(url)),
          `${server.url}/agenda/mes-inscriptions`,
        ),
      )
      .toBe(false);
    await context.close();
  });
});
