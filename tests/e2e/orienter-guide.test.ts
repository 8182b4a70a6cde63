import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { french } from '../helpers/french.js';
import {
  expectAccessible,
  expectHoldsAt360,
  expectWorksAt360,
  launchBrowser,
  newPage,
  startProductServer,
  visit,
  type E2EServer,
} from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
let token: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const member = await createMember(
    em,
    { email: 'camille@orienter.exemple.fr', password: 'une phrase de passe solide', displayName: 'Camille Le Goff' },
    { ip: '127.0.0.1' },
  );
  token = member.token;
  await createOrganization(em.fork(), member.user, {
    name: 'Médiathèque Colette',
    commune: 'Savenay',
    codePostal: '44260',
    adresse: '12 rue de Nantes',
    latitude: 47.3652,
    longitude: -1.9448,
    telephone: '+33240583210',
    horaires: 'Mo 09:00-12:00; We 14:00-18:00',
    services: ['Aide aux démarches administratives'],
    fraisACharge: ['Gratuit'],
  });
  await createOrganization(em.fork(), member.user, {
    name: 'Mairie de Savenay',
    commune: 'Savenay',
    codePostal: '44260',
    adresse: '1 place de l’Hôtel de Ville',
    latitude: 47.3613,
    longitude: -1.9421,
    horaires: 'Tu-Fr 09:00-17:00',
    services: ['Aide aux démarches administratives'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const placeNames = async (page: Page) => (await page.locator('ol.places .place-name').allTextContents()).map((name) => name.trim());

/** Answers the five questions like a person: a need, a commune, Monday morning, by bus, nothing special. */
async function answerTheQuestions(page: Page, check: (page: Page) => Promise<void>) {
  await page.getByLabel('Faire une démarche en ligne (CAF, impôts, santé, retraite…)').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('group', { name: 'Où êtes-vous ?' }).waitFor();
  await page.getByLabel('Commune ou code postal').fill('Savenay');
  await check(page);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('group', { name: 'Quand pouvez-vous y aller ?' }).waitFor();
  await page.getByRole('group', { name: 'lundi' }).getByLabel('matin').check();
  await check(page);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByLabel('En bus, en tram, en train ou en voiture').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('group', { name: 'Qu’est-ce qui compte pour votre accueil ?' }).waitFor();
  await page.getByRole('button', { name: 'Voir les lieux' }).click();
  await page.getByRole('heading', { level: 1, name: 'Les lieux qui peuvent vous aider' }).waitFor();
}

describe('guided orientation, with JavaScript, at 360 px', () => {
  it('leads from the need to the places, then to a fiche to print or download', async () => {
    const { page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/');
    await page.getByRole('link', { name: 'Orienter' }).first().click();
    await page.waitForURL('**/orienter');
    await visit(page, server.url, '/orienter');
    await expectWorksAt360(page);
    await answerTheQuestions(page, expectAccessible);

    // Closed on Mondays, the nearer town hall comes after the library open on Monday mornings.
    expect(await placeNames(page)).toEqual(['Médiathèque Colette', 'Mairie de Savenay']);
    await expect(page.locator('ol.places > li').first().textContent()).resolves.toContain('Ouvert lundi matin');
    await expect(page.locator('ol.places > li').nth(1).textContent()).resolves.toContain('Fermé aux moments que vous avez choisis');
    await expectWorksAt360(page);

    await page.getByRole('link', { name: 'Fiche d’orientation : Médiathèque Colette' }).click();
    await page.getByRole('heading', { level: 1, name: 'Médiathèque Colette' }).waitFor();
    const fiche = page.locator('article.fiche');
    await expect(fiche.textContent()).resolves.toContain('12 rue de Nantes, 44260 Savenay');
    await expect(fiche.textContent()).resolves.toContain('02 40 58 32 10');
    await expect(fiche.textContent()).resolves.toContain('une pièce d’identité');
    await expectWorksAt360(page);

    await page.getByLabel('Votre nom, si vous voulez qu’il figure sur la fiche (facultatif)').fill('Camille');
    await page.getByRole('button', { name: 'Mettre mon nom sur la fiche' }).click();
    await page.getByText('Fiche remise par Camille').waitFor();
    expect(await page.getByLabel('Texte à envoyer par SMS').inputValue()).toContain('De la part de Camille');

    const pdfHref = await page.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href');
    const pdf = await page.request.get(server.url + pdfHref);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Printed: only the fiche, without the site's frame nor the sharing tools.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Donner la fiche' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: 'Médiathèque Colette' }).isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('guided orientation without JavaScript', () => {
  it('works with plain forms, in mode accompagnant, and e-mails the fiche keeping what was typed on an error', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/orienter`);
    await answerTheQuestions(page, expectHoldsAt360);
    expect(await placeNames(page)).toEqual(['Médiathèque Colette', 'Mairie de Savenay']);
    await expectHoldsAt360(page);

    // A member starts from their own place.
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
    await page.goto(`${server.url}/orienter?besoin=demarches&etape=lieu`);
    await page.getByRole('button', { name: 'Partir de mon lieu : Médiathèque Colette' }).click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Voir les lieux' }).click();
    await page.getByText('Pour « Faire une démarche en ligne (CAF, impôts, santé, retraite…) », autour de Médiathèque Colette.').waitFor();

    await page.getByRole('link', { name: 'Fiche d’orientation : Médiathèque Colette' }).click();
    await page.getByRole('heading', { level: 1, name: 'Médiathèque Colette' }).waitFor();
    await expectHoldsAt360(page);
    await page.getByLabel('Adresse e-mail de la personne').fill('mme@durand');
    await page.getByRole('button', { name: 'Envoyer la fiche' }).click();
    await page.getByText('Indiquez une adresse e-mail complète, par exemple nom@exemple.fr.').first().waitFor();
    expect(await page.getByLabel('Adresse e-mail de la personne').inputValue()).toBe('mme@durand');
    await page.getByLabel('Adresse e-mail de la personne').fill('mme.durand@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer la fiche' }).click();
    await page.getByText('La fiche part par e-mail dans quelques minutes.').waitFor();
    const rows = await server.orm.em
      .fork()
      .getConnection()
      .execute(`select subject from email_outbox where to_address = 'mme.durand@exemple.fr'`);
    expect(rows).toEqual([{ subject: french('Maillage — Fiche d’orientation : Médiathèque Colette') }]);
    await context.close();
  });
});
