import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationKind } from '../../server/src/modules/reseau/organization.entity.js';
import { requestToJoinNetwork } from '../../server/src/modules/reseau/networks.service.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french, times } from '../helpers/french.js';

const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  // No internet here: map tiles point to a closed local port, the list must not care.
  [server, browser] = await Promise.all([
    startProductServer({ PUBLIC_MAP_TILES_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }),
    launchBrowser(),
  ]);
  const em = server.orm.em.fork();
  const meta = { ip: '127.0.0.1' };
  const { user: camille } = await createMember(
    em,
    { email: 'camille@reseau.exemple.fr', password: PASSWORD, displayName: 'Camille Le Goff' },
    meta,
  );
  const { user: karim } = await createMember(
    em.fork(),
    { email: 'karim@reseau.exemple.fr', password: PASSWORD, displayName: 'Karim Benali' },
    meta,
  );
  const network = await createOrganization(em.fork(), camille, {
    name: 'Réseau numérique Estuaire et Sillon',
    kind: OrganizationKind.RESEAU,
  });
  await createOrganization(em.fork(), camille, {
    name: 'Médiathèque de Savenay',
    commune: 'Savenay',
    codePostal: '44260',
    adresse: '3 place Guépin',
    latitude: 47.3611,
    longitude: -1.9415,
    horaires: '24/7',
    telephone: '02 40 58 32 10',
    services: ['Aide aux démarches administratives'],
    fraisACharge: ['Gratuit'],
    priseEnChargeSpecifique: ['Surdité'],
    presentationResume: 'Aide aux démarches en ligne, sans rendez-vous.',
  });
  const malville = await createOrganization(em.fork(), karim, {
    name: 'Amicale laïque de Malville',
    commune: 'Malville',
    codePostal: '44260',
    adresse: '12 rue de la Gare',
    latitude: 47.3597,
    longitude: -1.8631,
    horaires: 'off',
    services: ['Maîtrise des outils numériques du quotidien'],
    fraisACharge: ['Payant'],
  });
  await requestToJoinNetwork(em.fork(), karim, {
    networkId: network.id,
    organizationId: malville.id,
    message: 'Nous animons des ateliers le lundi.',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the directory in the browser', () => {
  it('finds a place by words without accents and by filters kept in the address, shows its page, its hours and its people', async () => {
    const { page } = await newPage(browser);
    await visit(page, server.url, '/reseau');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lieux et réseaux');
    // The list is the default view; the map waits for "Voir la carte" (tests/e2e/telephones.test.ts).
    expect(await page.getByRole('region', { name: 'Carte des lieux de cette page' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Voir la carte' }).count()).toBe(1);

    await page.getByLabel('Mots recherchés').fill('mediatheque');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL('**/reseau?q=mediatheque**');
    expect(await page.getByRole('status').first().textContent()).toContain('1 résultat');
    expect(await page.getByRole('link', { name: 'Médiathèque de Savenay' }).count()).toBe(1);
    await expectAccessible(page);

    // Filters of the standard, around a commune, open now: all in the URL.
    await page.getByLabel('Mots recherchés').fill('');
    await page.getByLabel('Autour de (commune ou code postal)').fill('Malville');
    await page.getByLabel('Ouvert maintenant').check();
    await page.getByText('Plus de critères').click();
    await page.getByRole('group', { name: 'Prise en charge spécifique' }).getByLabel('Surdité').check();
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/autour=Malville.*ouvert=1.*accueil=Surdit/);
    const result = page.getByRole('listitem').filter({ hasText: 'Médiathèque de Savenay' });
    expect(await result.textContent()).toMatch(/à \d+,\d+ km/);
    expect(await result.textContent()).toContain('Ouvert');
    expect(await page.getByRole('link', { name: 'Amicale laïque de Malville' }).count()).toBe(0);
    await expectAccessible(page);
    await expectWorksAt360(page);

    // Back button: the previous search comes back.
    await page.goBack();
    await page.waitForURL('**/reseau?q=mediatheque**');
    await expect.poll(() => page.getByLabel('Mots recherchés').inputValue()).toBe('mediatheque');

    // An unknown commune is said next to its field.
    await visit(page, server.url, '/reseau?autour=Trifouilly');
    expect(await page.locator('#autour-error').textContent()).toContain(french('Nous ne connaissons pas de lieu à « Trifouilly »'));

    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Médiathèque de Savenay');
    expect(await page.locator('.opening').first().textContent()).toContain('Ouvert');
    expect(await page.getByRole('row', { name: /lundi/ }).textContent()).toContain(times('0 h – 24 h'));
    // The number is shown the French way; the link dials the stored international form.
    expect(await page.getByRole('link', { name: '02 40 58 32 10' }).getAttribute('href')).toBe('tel:+33240583210');
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    const placeNode = jsonLd['@graph'].find((node: { name?: string }) => node.name === 'Médiathèque de Savenay');
    expect(placeNode).toMatchObject({ '@type': 'LocalBusiness', address: { postalCode: '44260' } });

    await page.getByRole('link', { name: 'Camille Le Goff' }).click();
    await page.waitForURL('**/reseau/personnes/**');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Camille Le Goff');
    // Someone found in the directory can be written to from there.
    expect(await page.getByRole('link', { name: 'Envoyer un message' }).getAttribute('href')).toMatch(
      /^\/conversations\/nouvelle\?membre=[0-9a-f-]{36}$/,
    );
    await expectAccessible(page);
    await visit(page, server.url, '/reseau/personnes?q=karim');
    expect(await page.getByRole('link', { name: 'Karim Benali' }).count()).toBe(1);
  }, 180_000);

  it("lets a place's admin edit its page (errors next to the field, nothing lost) and a network's admin accept a member", async () => {
    const { page } = await newPage(browser);
    await visit(page, server.url, '/connexion');
    await page.getByLabel('Adresse e-mail').fill('camille@reseau.exemple.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay');
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.waitForURL('**/modifier');
    await expectAccessible(page);
    await page.getByLabel('Téléphone', { exact: true }).fill('12');
    await page.getByLabel('Horaires', { exact: true }).fill('Mo-Fr 09:00-12:00,14:00-18:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#field-telephone-error').textContent()).toContain('n’est pas valide');
    expect(await page.getByLabel('Horaires', { exact: true }).inputValue()).toBe('Mo-Fr 09:00-12:00,14:00-18:00');
    expect(await page.getByLabel('Téléphone', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.getByLabel('Téléphone', { exact: true }).fill('02 40 58 32 11');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Modifications enregistrées.');
    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay');
    expect(await page.getByRole('row', { name: /mardi/ }).textContent()).toContain(times('9 h – 12 h, 14 h – 18 h'));

    // The same form in English: its labels and the standard's field names too (the standard's values stay its own).
    await page.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay/modifier');
    for (const label of ['Parent organisation', 'Detailed presentation', 'Postcode', 'E-mail addresses'])
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    expect(await page.getByRole('group', { name: 'Costs' }).getByLabel('Gratuit', { exact: true }).count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(/Structure parente|Présentation détaillée|Code postal|Frais à charge/);
    await page.context().addCookies([{ name: 'lang', value: 'fr', url: server.url }]);

    // The place asks to join the network; while the request waits, the network is not offered again.
    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay');
    await page.getByLabel('Réseau', { exact: true }).selectOption({ label: 'Réseau numérique Estuaire et Sillon' });
    await page.getByRole('button', { name: 'Demander à rejoindre' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Demande envoyée');
    await visit(page, server.url, '/reseau/lieux/mediatheque-de-savenay');
    expect(await page.getByRole('region', { name: 'Rejoindre un réseau' }).textContent()).toContain(
      'Réseau numérique Estuaire et Sillon — en attente',
    );
    expect(await page.getByRole('button', { name: 'Demander à rejoindre' }).count()).toBe(0);

    await visit(page, server.url, '/reseau/lieux/reseau-numerique-estuaire-et-sillon');
    await page.getByRole('button', { name: 'Accepter Amicale laïque de Malville' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Demande acceptée.');
    await page.reload();
    expect(await page.getByRole('heading', { name: /Organisations membres du réseau \(1\)/ }).count()).toBe(1);
    await expectAccessible(page);

    // Importing a file: tests/e2e/reseau-import.test.ts.
    await expectAccessible(page);
  }, 240_000);
});
