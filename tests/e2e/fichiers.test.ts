import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

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
    await page.getByText('Décrivez l’image en quelques mots').first().waitFor();
    await page.getByLabel('Description de l’image').fill('Un carré bleu, le logo de l’espace');
    await expectWorksAt360(page);
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    // The form's own confirmation (the upload field's status said "Enregistrez le formulaire pour le garder" until then).
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées' }).waitFor();
    expect(await page.getByText('Enregistrez le formulaire pour le garder').count()).toBe(0);

    await visit(page, server.url, `/organisations/${slug}`);
    const shown = page.getByRole('img', { name: 'Un carré bleu, le logo de l’espace' });
    expect(await shown.count()).toBe(1);
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);
  });
});

describe('without JavaScript', () => {
  it('sends a 2 MB logo with the form itself, and says in French when a file is too big', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('alix@fichiers.exemple.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

    // Noise does not compress: a PNG of 2 MB, four times adapter-node's default body limit (512 kB).
    const big = await sharp({
      create: { width: 860, height: 860, channels: 3, background: '#15803d', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(2_000_000);
    await page.goto(`${server.url}/reseau/lieux/${slug}/modifier`);
    await page.locator('input[name="logoFileIdFile"]').setInputFiles({ name: 'grand-logo.png', mimeType: 'image/png', buffer: big });
    await page.getByLabel('Description de l’image').fill('Un grand logo vert');
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await page.getByRole('status').filter({ hasText: 'Modifications enregistrées' }).waitFor();

    await page.goto(`${server.url}/organisations/${slug}`);
    const shown = page.getByRole('img', { name: 'Un grand logo vert' });
    expect(await shown.count()).toBe(1);
    expect(await shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(860);

    // An image over the images' limit (10 MB) but within the body limit: the API's sentence, next to the field.
    const huge = await sharp({
      create: { width: 2000, height: 1900, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png()
      .toBuffer();
    expect(huge.length).toBeGreaterThan(10 * 1024 * 1024);
    await page.goto(`${server.url}/reseau/lieux/${slug}/modifier`);
    await page.locator('input[name="logoFileIdFile"]').setInputFiles({ name: 'enorme.png', mimeType: 'image/png', buffer: huge });
    await page.getByLabel('Description de l’image').fill('Trop gros');
    await page.getByRole('button', { name: /Enregistrer/ }).click();
    await page.getByText('Le fichier est trop gros : 10 Mo au plus.').first().waitFor();

    // A form bigger than UPLOAD_MAX_BYTES (50 MB) plus its fields, from the signed-in admin: a French 413 page,
    // not adapter-node's English. (Without the session the edit page sends to the sign-in page before reading it.)
    const cookie = (await context.cookies(server.url)).map(({ name, value }) => `${name}=${value}`).join('; ');
    const response = await fetch(`${server.url}/reseau/lieux/${slug}/modifier`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'multipart/form-data; boundary=limite', accept: 'text/html' },
      body: Buffer.alloc(52 * 1024 * 1024, 'a'),
      redirect: 'manual',
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain(french('Le fichier est trop gros : 50 Mo au plus.'));
    await context.close();
  });
});
