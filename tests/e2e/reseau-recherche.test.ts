import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startProductServer({ PUBLIC_MAP_TILES_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }),
    launchBrowser(),
  ]);
  const em = server.orm.em.fork();
  const { user } = await createMember(
    em,
    { email: 'dominique@recherche.exemple.fr', password: 'une phrase de passe solide', displayName: 'Dominique Morel' },
    { ip: '127.0.0.1' },
  );
  await createOrganization(em.fork(), user, {
    name: 'Mairie de Guérande',
    commune: 'Guérande',
    codePostal: '44350',
    typologie: ['MUNI', 'RFS'],
    dispositifProgrammesNationaux: ['France Services'],
    services: ['Aide aux démarches administratives'],
  });
  await createOrganization(em.fork(), user, {
    name: 'Médiathèque Anne-de-Bretagne',
    commune: 'Saint-Nazaire',
    codePostal: '44600',
    typologie: ['BIB'],
    publicsSpecifiquementAdresses: ['Seniors'],
    modalitesAccompagnement: ['Dans un atelier collectif'],
    services: ['Maîtrise des outils numériques du quotidien'],
  });
  await createOrganization(em.fork(), user, {
    name: 'Bus numérique de la presqu’île',
    commune: 'Le Croisic',
    codePostal: '44490',
    itinerance: ['Itinérant'],
    services: ['Aide aux démarches administratives'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const placeLinks = async (page: import('playwright-core').Page) =>
  (await page.locator('.places h3 a').allTextContents()).map((name) => name.trim()).sort();

describe('searching the directory', () => {
  it('finds what a mediator types, and every filter of the API is there, folded under "Plus de critères"', async () => {
    const { page } = await newPage(browser);
    await visit(page, server.url, '/reseau');
    // Folded: the typology is there but not shown until the person opens the criteria.
    expect(await page.getByLabel('Type de structure').isVisible()).toBe(false);
    await expectWorksAt360(page);

    await page.getByLabel('Mots recherchés').fill('atelier smartphone seniors');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL('**/reseau?q=atelier+smartphone+seniors**');
    expect(await placeLinks(page)).toEqual(['Médiathèque Anne-de-Bretagne']);

    await page.getByLabel('Mots recherchés').fill('44350');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL('**/reseau?q=44350**');
    expect(await placeLinks(page)).toEqual(['Mairie de Guérande']);

    // The typology narrows the list, and stays unfolded and chosen on the next page.
    await page.getByLabel('Mots recherchés').fill('');
    await page.getByText('Plus de critères').click();
    await page.getByLabel('Type de structure').selectOption({ label: 'Bibliothèque / Médiathèque' });
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/typologie=BIB/);
    expect(await placeLinks(page)).toEqual(['Médiathèque Anne-de-Bretagne']);
    expect(await page.getByLabel('Type de structure').isVisible()).toBe(true);
    await expectAccessible(page);

    // A programme, then itinerance: each narrows the list the same way.
    await page.getByLabel('Type de structure').selectOption({ label: 'Tous les types de structure' });
    await page.getByRole('group', { name: 'Dispositifs et programmes nationaux' }).getByLabel('France Services').check();
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/programme=France\+Services/);
    expect(await placeLinks(page)).toEqual(['Mairie de Guérande']);

    await page.getByRole('group', { name: 'Dispositifs et programmes nationaux' }).getByLabel('France Services').uncheck();
    await page.getByRole('group', { name: 'Itinérance' }).getByLabel('Itinérant').check();
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/itinerance=Itin/);
    expect(await placeLinks(page)).toEqual(['Bus numérique de la presqu’île']);
    for (const group of ['Formations et labels', 'Frais à charge', 'Prise en charge spécifique', 'Modalités d’accompagnement']) {
      expect(await page.getByRole('group', { name: group }).count(), group).toBe(1);
    }
    await expectWorksAt360(page);
  }, 180_000);
});
