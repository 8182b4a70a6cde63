import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/** An organization's admin uploads its logo from the edit page, on a phone, with its description (docs/fichiers.md). */

const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;
let slug: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const { user } = await createMember(
    em,
    { email: 'alix@fichiers.exemple.fr', password: PASSWORD, displayName: 'Alix Morvan' },
    { ip: '127.0.0.1' },
  );
  slug = (await createOrganization(em.fork(), user, { name: 'Espace public numérique de Blain' })).slug;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("an organization's logo", () => {
  it('is uploaded on the edit page at 360 px with its alt text, then shows on the page', async () => {
    const { page } = await newPage(browser, { width: 360 });
    await page.goto(`${server.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('alix@fichiers.exemple.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

    await visit(page, server.url, `/reseau/lieux/${slug}/modifier`);
    const logo = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#1d4ed8' } })
      .png()
      .toBuffer();
    await page.getByLabel('Logo', { exact: false }).first().setInputFiles({ name: 'logo-blain.png', mimeType: 'image/png', buffer: logo });
    await page.getByText('Fichier envoyé : logo-blain.png').waitFor();
    expect(await page.locator('img.preview').count()).toBe(1);

    // Without its description the logo is refused, next to the field.
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await page.getByText("Décrivez l'image en quelques mots").first().waitFor();
    await page.getByLabel('Description de l’image').fill('Un carré bleu, le logo de l’espace');
    await expectWorksAt360(page);
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /enregistr/i })
      .first()
      .waitFor();

    await visit(page, server.url, `/organisations/${slug}`);
    const shown = page.getByRole('img', { name: 'Un carré bleu, le logo de l’espace' });
    expect(await shown.count()).toBe(1);
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  });
});
