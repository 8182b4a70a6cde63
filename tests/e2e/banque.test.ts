import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, User } from '../../server/src/modules/comptes/user.entity.js';
import { PostCategory, PostKind } from '../../server/src/modules/banque-de-temps/post.entity.js';
import { publishPost } from '../../server/src/modules/banque-de-temps/posts.service.js';
import {
  acceptExchange,
  completeExchange,
  confirmExchange,
  proposeExchange,
} from '../../server/src/modules/banque-de-temps/exchanges.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french, times } from '../helpers/french.js';

const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;
const email = (name: string) => `${name}.${Date.now()}@exemple.fr`;
const people = { sophie: email('sophie'), camille: email('camille'), admin: email('admin'), bernard: email('bernard') };

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const meta = { ip: '127.0.0.1' };
  const sophie = (await createMember(em, { email: people.sophie, password: PASSWORD, displayName: 'Sophie Garnier' }, meta)).user;
  await createMember(em, { email: people.camille, password: PASSWORD, displayName: 'Camille Le Goff' }, meta);
  await createMember(em, { email: people.bernard, password: PASSWORD, displayName: 'Bernard Jolivet' }, meta);
  const admin = (await createMember(em, { email: people.admin, password: PASSWORD, displayName: 'Équipe Maillage' }, meta)).user;
  await em.nativeUpdate(User, { id: admin.id }, { role: Role.ADMIN });
  await publishPost(em, sophie, {
    kind: PostKind.OFFER,
    category: PostCategory.MATERIEL,
    title: 'Mise en route d’une imprimante 3D',
    description: 'Je viens régler votre imprimante et former **deux personnes**.',
    tags: ['impression-3d'],
    departement: '44',
    commune: 'Saint-Étienne-de-Montluc',
    availability: 'Le mercredi après-midi',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, address: string): Promise<void> {
  await page.goto(`${server.url}/connexion`);
  // Typing before the page is hydrated may be lost on a loaded machine.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(address);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/connexion')),
    page
      .getByRole('alert')
      .waitFor()
      .then(async () => {
        throw new Error(`sign-in refused: ${await page.getByRole('alert').textContent()}`);
      }),
  ]);
}

describe('the time bank in the browser', () => {
  it(
    'says beside the confirm button why the time cannot move (a balance spent since the exchange was proposed)',
    { timeout: 120_000 },
    async () => {
      // Denise (balance 0, floor −10 h) asked Émile for 1 h and for 10 h; both were done; the 10 h were confirmed first.
      const em = server.orm.em.fork();
      const meta = { ip: '127.0.0.1' };
      const emile = (await createMember(em, { email: email('emile'), password: PASSWORD, displayName: 'Émile Roux' }, meta)).user;
      const deniseEmail = email('denise');
      const denise = (await createMember(em, { email: deniseEmail, password: PASSWORD, displayName: 'Denise Moreau' }, meta)).user;
      const post = await publishPost(em, emile, {
        kind: PostKind.OFFER,
        category: PostCategory.USAGES,
        title: 'Prise en main d’une tablette',
        description: 'Une heure ou deux, chez vous.',
        tags: [],
        departement: '44',
        commune: 'Savenay',
        availability: 'Le jeudi',
      });
      const doneExchange = async (minutes: number) => {
        const exchange = await proposeExchange(em.fork(), denise, { postId: post.id, minutes });
        await acceptExchange(em.fork(), emile, exchange.id);
        await completeExchange(em.fork(), emile, { exchangeId: exchange.id, minutes });
        return exchange.id;
      };
      const small = await doneExchange(60);
      await confirmExchange(em.fork(), denise, await doneExchange(600));

      const { page, context } = await newPage(browser, { width: 360 });
      await signIn(page, deniseEmail);
      await visit(page, server.url, `/banque-de-temps/echanges/${small}`);
      expect(await page.getByRole('heading', { name: 'Confirmer l’échange' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Confirmer et transférer 1 h' }).click();
      const section = page.locator('section', { has: page.getByRole('heading', { name: 'Confirmer l’échange' }) });
      await expect.poll(() => section.getByRole('alert').textContent()).toContain('Votre solde ne permet pas ce virement');
      // In sight of the button the person just pressed.
      const alert = await section.getByRole('alert').boundingBox();
      expect(alert!.y).toBeGreaterThanOrEqual(0);
      expect(alert!.y).toBeLessThan(740);
      await context.close();
    },
  );

  it('finds an offer, goes through an exchange step by step, then gives time with a confirmation', { timeout: 150_000 }, async () => {
    const camille = await newPage(browser);
    const sophie = await newPage(browser);
    await signIn(camille.page, people.camille);
    await signIn(sophie.page, people.sophie);

    // Camille finds Sophie's offer (accents ignored) among the offers and requests.
    await visit(camille.page, server.url, '/banque-de-temps');
    expect(await camille.page.getByRole('heading', { level: 1 }).textContent()).toBe('Banque de temps');
    await expectWorksAt360(camille.page);
    await camille.page.getByLabel('Mots recherchés').fill('imprimante');
    await camille.page.getByLabel('Type d’annonce').selectOption('OFFER');
    await camille.page.getByRole('button', { name: 'Chercher' }).click();
    await camille.page.waitForURL('**recherche=imprimante**');
    expect(await camille.page.getByRole('status').first().textContent()).toContain('1 annonce');
    // The author's name leads to her profile, where one can write to her.
    const author = camille.page
      .getByRole('listitem')
      .filter({ hasText: 'Mise en route d’une imprimante 3D' })
      .getByRole('link', { name: 'Sophie Garnier' });
    const profile = await author.getAttribute('href');
    expect(profile).toMatch(/^\/membres\/[0-9a-f-]{36}$/);
    await camille.page.getByRole('link', { name: 'Mise en route d’une imprimante 3D' }).click();
    await camille.page.waitForURL('**/banque-de-temps/annonces/**');
    await expectAccessible(camille.page);
    expect(await camille.page.getByRole('link', { name: 'Sophie Garnier' }).getAttribute('href')).toBe(profile);
    expect(await camille.page.locator('.prose strong').textContent()).toBe('deux personnes');

    // She proposes two hours.
    await camille.page.getByLabel('Durée prévue').selectOption({ label: times('2 h') });
    await camille.page.getByLabel('Message (facultatif)').fill('Mercredi 14 h à Savenay ?');
    await camille.page.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    await camille.page.waitForURL('**/banque-de-temps/echanges/**');
    const exchangePath = new URL(camille.page.url()).pathname;
    expect(await camille.page.locator('.lead').textContent()).toContain('En attente d’acceptation');
    expect(await camille.page.getByText('En attente de l’autre personne.').count()).toBe(1);
    // The other person's name leads to their profile, where one writes to them to arrange a time.
    expect(await camille.page.getByRole('link', { name: 'Sophie Garnier' }).getAttribute('href')).toBe(profile);
    await expectAccessible(camille.page);

    // Sophie accepts, then says it took two and a half hours.
    await visit(sophie.page, server.url, exchangePath);
    await sophie.page.getByRole('button', { name: 'Accepter l’échange' }).click();
    await expect.poll(() => sophie.page.locator('.lead').textContent()).toContain('Accepté, à faire');
    await sophie.page.getByLabel('Temps réellement passé').selectOption({ label: times('2 h 30') });
    await sophie.page.getByRole('button', { name: 'Déclarer l’échange fait' }).click();
    await expect.poll(() => sophie.page.locator('.lead').textContent()).toContain('Fait, à confirmer');
    await expectAccessible(sophie.page);

    // Camille confirms: the time moves.
    await camille.page.reload();
    await camille.page.getByRole('button', { name: 'Confirmer et transférer 2 h 30' }).click();
    await expect.poll(() => camille.page.locator('.lead').textContent()).toContain('Confirmé');
    expect(await camille.page.getByRole('status').first().textContent()).toContain(times('2 h 30 ont été transférées'));
    expect(await camille.page.locator('ol.steps li.done').count()).toBe(4);
    await expectAccessible(camille.page);

    // Her account shows the balance the French way, the statement, and the CSV.
    await visit(camille.page, server.url, '/banque-de-temps/compte');
    expect(await camille.page.getByTestId('balance').textContent()).toBe(times('−2 h 30'));
    expect(await camille.page.getByText('Plancher −10 h · plafond 40 h').count()).toBe(1);
    expect(await camille.page.locator('table').textContent()).toContain(
      french('Échange avec Sophie Garnier : Mise en route d’une imprimante 3D'),
    );
    const csv = await camille.page.request.get(`${server.url}/api/banque-de-temps/releve.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(';Échange;Échange avec Sophie Garnier');
    // On a phone the statement shows each amount and balance without scrolling sideways.
    const screen = camille.page.viewportSize();
    await camille.page.setViewportSize({ width: 360, height: 740 });
    expect(await camille.page.locator('.table-scroll').evaluate((frame) => frame.scrollWidth - frame.clientWidth)).toBe(0);
    if (screen) await camille.page.setViewportSize(screen);
    await expectWorksAt360(camille.page);

    // She gives half an hour to Bernard: search, check, confirm.
    await camille.page.getByRole('link', { name: 'Donner du temps' }).first().click();
    await camille.page.waitForURL('**/banque-de-temps/virement');
    await expectAccessible(camille.page);
    await camille.page.getByLabel('Nom du membre').fill('berna');
    await camille.page.getByRole('button', { name: 'Chercher' }).click();
    await camille.page.waitForURL('**q=berna**');
    await camille.page.getByRole('button', { name: 'Vérifier' }).click();
    await expect.poll(() => camille.page.locator('#recipient-error').textContent()).toContain('Choisissez la personne');
    await camille.page.getByLabel('Bernard Jolivet').check();
    await camille.page.getByLabel('Durée').selectOption({ label: times('30 min') });
    await camille.page.getByLabel('Pourquoi ? (visible sur vos deux relevés)').fill('Merci pour l’affiche');
    await camille.page.getByRole('button', { name: 'Vérifier' }).click();
    await expect
      .poll(() => camille.page.locator('.summary').textContent())
      .toBe(times(french('Vous allez donner 30 min à Bernard Jolivet : « Merci pour l’affiche ».')));
    await expectAccessible(camille.page);
    await camille.page.getByRole('button', { name: 'Confirmer le don de 30 min' }).click();
    await expect
      .poll(() => camille.page.getByRole('status').first().textContent())
      .toContain(times(french('C’est fait : Bernard Jolivet a reçu 30 min.')));
    await expectAccessible(camille.page);
    await visit(camille.page, server.url, '/banque-de-temps/compte');
    expect(await camille.page.getByTestId('balance').textContent()).toBe(times('−3 h'));

    await camille.context.close();
    await sophie.context.close();
  });

  it(
    'publishes a request, with errors next to the fields first; the admin grants pool hours and sets limits',
    { timeout: 120_000 },
    async () => {
      const bernard = await newPage(browser);
      await signIn(bernard.page, people.bernard);
      await visit(bernard.page, server.url, '/banque-de-temps/annonces/nouvelle');
      await bernard.page.getByLabel('Je cherche').check();
      await bernard.page.getByLabel('Titre').fill('Aide');
      await bernard.page.getByRole('button', { name: 'Publier l’annonce' }).click();
      await expect.poll(() => bernard.page.locator('#field-title-error').textContent()).toContain('au moins 5 caractères');
      expect(await bernard.page.locator('#field-description-error').textContent()).toContain('au moins 10 caractères');
      await expectAccessible(bernard.page);
      await bernard.page.getByLabel('Titre').fill('Apprendre à envoyer des photos par courriel');
      await bernard.page.getByLabel('Description').fill('Les photos des ateliers sont trop lourdes pour le courriel.');
      await bernard.page.getByLabel('Catégorie').selectOption('USAGES');
      await bernard.page.getByRole('button', { name: 'Publier l’annonce' }).click();
      await bernard.page.waitForURL('**/banque-de-temps/annonces/**?publiee=1');
      expect(await bernard.page.getByRole('heading', { level: 1 }).textContent()).toBe('Apprendre à envoyer des photos par courriel');
      expect(await bernard.page.getByRole('button', { name: 'Clore l’annonce' }).count()).toBe(1);
      await expectAccessible(bernard.page);

      // Bernard corrects his request: the form is filled in with it, a mistake is said next to its field.
      const requestPath = new URL(bernard.page.url()).pathname;
      await bernard.page.getByRole('link', { name: 'Modifier l’annonce' }).click();
      await bernard.page.waitForURL('**/modifier');
      expect(await bernard.page.getByLabel('Description').inputValue()).toBe('Les photos des ateliers sont trop lourdes pour le courriel.');
      expect(await bernard.page.getByLabel('Catégorie').inputValue()).toBe('USAGES');
      await bernard.page.getByLabel('Titre').fill('Non');
      await bernard.page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await expect.poll(() => bernard.page.locator('#field-title-error').textContent()).toContain('au moins 5 caractères');
      await expectAccessible(bernard.page);
      await bernard.page.getByLabel('Titre').fill('Apprendre à envoyer des photos par courriel ou par lien');
      await bernard.page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await bernard.page.waitForURL(`**${requestPath}?modifiee=1`);
      expect(await bernard.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Apprendre à envoyer des photos par courriel ou par lien',
      );
      expect(await bernard.page.getByText('Annonce modifiée.').count()).toBe(1);
      // Nobody else may correct it.
      const other = await newPage(browser);
      await signIn(other.page, people.admin);
      await visit(other.page, server.url, requestPath);
      expect(await other.page.getByRole('link', { name: 'Modifier l’annonce' }).count()).toBe(0);
      expect((await other.page.goto(`${server.url}${requestPath}/modifier`))?.status()).toBe(403);
      await other.context.close();

      // A member who is not a coordinator does not reach the pool.
      const refused = await bernard.page.goto(`${server.url}/banque-de-temps/fonds-commun`);
      expect(refused?.status()).toBe(403);
      expect((await bernard.page.goto(`${server.url}/banque-de-temps/desaccords`))?.status()).toBe(403);
      await bernard.context.close();

      const admin = await newPage(browser);
      await signIn(admin.page, people.admin);
      await visit(admin.page, server.url, '/banque-de-temps/fonds-commun');
      expect(await admin.page.getByTestId('pool-balance').textContent()).toBe(times('0 min'));
      await admin.page.getByLabel('Nom du membre').fill('Bernard');
      await admin.page.getByRole('button', { name: 'Chercher' }).click();
      await admin.page.waitForURL('**q=Bernard**');
      await admin.page.getByLabel('Bernard Jolivet').check();
      await admin.page.getByLabel('Raison de l’attribution').fill('Bienvenue dans le réseau');
      await admin.page.getByRole('button', { name: 'Attribuer des heures' }).click();
      // The pool is empty: refused, with what it holds.
      await expect
        .poll(() => admin.page.locator('#field-minutes-error').textContent())
        .toContain(times('Le fonds commun ne contient que 0 min'));
      await expectAccessible(admin.page);

      // Moderators (the admin is one) review flagged disagreements from their account page.
      await visit(admin.page, server.url, '/banque-de-temps/compte');
      await admin.page.getByRole('link', { name: 'Désaccords à examiner' }).click();
      await admin.page.waitForURL('**/banque-de-temps/desaccords');
      expect(await admin.page.getByRole('status').first().textContent()).toBe('0 échange en désaccord');
      await expectAccessible(admin.page);
      await visit(admin.page, server.url, '/banque-de-temps/fonds-commun');

      await admin.page.getByLabel('Plafond (en heures)').fill('20');
      await admin.page.getByRole('button', { name: 'Enregistrer les limites' }).click();
      await expect.poll(() => admin.page.getByRole('status').first().textContent()).toContain('Limites enregistrées.');
      await expectAccessible(admin.page);
      await admin.context.close();
    },
  );
});
