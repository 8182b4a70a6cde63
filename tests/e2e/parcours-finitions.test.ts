import 'reflect-metadata';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventKind } from '../../server/src/modules/agenda/event.entity.js';
import { createEvent } from '../../server/src/modules/agenda/events.service.js';
import { registerToSeries } from '../../server/src/modules/agenda/registrations.service.js';
import {
  acceptExchange,
  completeExchange,
  confirmExchange,
  proposeExchange,
} from '../../server/src/modules/banque-de-temps/exchanges.service.js';
import { transferTime } from '../../server/src/modules/banque-de-temps/ledger.service.js';
import { PostCategory, PostKind } from '../../server/src/modules/banque-de-temps/post.entity.js';
import { publishPost } from '../../server/src/modules/banque-de-temps/posts.service.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { times } from '../helpers/french.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

// Small journey fixes (issue #17, point 7): only what one may give, "cette séance ou tout le cycle ?", a finished exchange's actions, my data as a ZIP.
const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;
let counter = 0;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function person(displayName: string) {
  counter += 1;
  const email = `finitions.${Date.now()}.${counter}@exemple.fr`;
  const { user } = await createMember(server.orm.em.fork(), { email, password: PASSWORD, displayName }, { ip: `10.17.0.${counter}` });
  return { user, email };
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'), { timeout: 60_000 });
}

const options = (page: Page, label: string) => page.getByLabel(label).locator('option').allTextContents();

describe('small journey fixes', () => {
  it('the pool and transfer lists offer only what one may still give', { timeout: 120_000 }, async () => {
    const giver = await person('Gaëlle Donatrice');
    const friend = await person('Fanny Amie');
    // 10 h below zero is the floor by default: after giving 9 h 15, 45 min are left to give.
    await transferTime(server.orm.em.fork(), giver.user, {
      toUserId: friend.user.id,
      minutes: 555,
      memo: 'Formation au tableur',
      idempotencyKey: `finitions-${Date.now()}-a`,
    });
    const { page } = await newPage(browser);
    await signIn(page, giver.email);
    // goto, not visit(): the statement table does not hold at 360 px yet (its cells wrap), which is not this test's subject.
    await page.goto(`${server.url}/banque-de-temps/compte`);
    await expect(options(page, 'Durée')).resolves.toEqual(['15 min', '30 min', '45 min'].map(times));
    await visit(page, server.url, '/banque-de-temps/virement');
    await expect(options(page, 'Durée')).resolves.toEqual(['15 min', '30 min', '45 min'].map(times));

    await transferTime(server.orm.em.fork(), giver.user, {
      toUserId: friend.user.id,
      minutes: 45,
      memo: 'Aide au CV',
      idempotencyKey: `finitions-${Date.now()}-b`,
    });
    await page.goto(`${server.url}/banque-de-temps/compte`);
    await expect(page.getByText('Vous ne pouvez rien donner pour le moment').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Donner au fonds commun' }).count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it('cancelling one session of a cycle asks "cette séance ou tout le cycle ?" and says what remains', { timeout: 120_000 }, async () => {
    const organizer = await person('Odile Organisatrice');
    const organization = await createOrganization(server.orm.em.fork(), organizer.user, { name: `Médiathèque ${Date.now()}` });
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(13, 0, 0, 0);
    const first = await createEvent(server.orm.em.fork(), organizer.user, {
      organizationId: organization.id,
      kind: EventKind.ATELIER,
      title: 'Cycle tablette',
      description: 'Six séances pour apprivoiser la tablette.',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      address: '1 place de la Mairie',
      postalCode: '44260',
      commune: 'Savenay',
      capacity: 10,
      weeklySessions: 4,
    });
    const member = await person('Martin Participant');
    await registerToSeries(server.orm.em.fork(), member.user, first.series!.id);

    const { page } = await newPage(browser);
    await signIn(page, member.email);
    await visit(page, server.url, `/agenda/evenements/${first.id}`);
    const question = page.getByRole('group', { name: 'Annuler cette séance ou tout le cycle ?' });
    await expect(question.getByRole('button').allTextContents()).resolves.toEqual(['Cette séance seulement', 'Tout le cycle (4 séances)']);
    await question.getByRole('button', { name: 'Cette séance seulement' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'annulée' }).locator('p').textContent(), { timeout: 20_000 })
      .toBe('Votre inscription à cette séance est annulée. Vous gardez 3 autres séances du cycle.');
    await expectAccessible(page);

    // From the second session, the whole rest of the cycle.
    await page.locator('ol.series a').first().click();
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('group', { name: 'Annuler cette séance ou tout le cycle ?' })
      .getByRole('button', { name: 'Tout le cycle (3 séances)' })
      .click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'annulées' }).locator('p').textContent(), { timeout: 20_000 })
      .toBe('Vos inscriptions aux 3 séances à venir du cycle sont annulées.');
    await expect(page.getByRole('button', { name: 'Je m’inscris', exact: true }).count()).resolves.toBe(1);
    await expectWorksAt360(page);
  });

  it('a confirmed exchange no longer offers to cancel it', { timeout: 120_000 }, async () => {
    const provider = await person('Paul Fournisseur');
    const beneficiary = await person('Berthe Bénéficiaire');
    const em = () => server.orm.em.fork();
    const post = await publishPost(em(), provider.user, {
      kind: PostKind.OFFER,
      category: PostCategory.USAGES,
      title: 'Régler un smartphone',
      description: 'Je règle votre smartphone avec vous.',
      tags: [],
      departement: '44',
      commune: 'Savenay',
      availability: 'Le lundi',
    });
    const exchange = await proposeExchange(em(), beneficiary.user, { postId: post.id, minutes: 60 });
    await acceptExchange(em(), provider.user, exchange.id);

    const { page } = await newPage(browser);
    await signIn(page, beneficiary.email);
    await visit(page, server.url, `/banque-de-temps/echanges/${exchange.id}`);
    await expect(page.locator('details.more summary').textContent()).resolves.toBe('Annuler l’échange · Signaler un désaccord');

    await completeExchange(em(), provider.user, { exchangeId: exchange.id, minutes: 60 });
    await confirmExchange(em(), beneficiary.user, exchange.id);
    await visit(page, server.url, `/banque-de-temps/echanges/${exchange.id}`);
    await expect(page.locator('details.more summary').textContent()).resolves.toBe('Signaler un désaccord');
    await expect(page.getByRole('button', { name: 'Annuler l’échange' }).count()).resolves.toBe(0);
  });

  it('"mes données" offers the readable ZIP archive beside the JSON file', { timeout: 60_000 }, async () => {
    const member = await person('Zélie Archive');
    const { page } = await newPage(browser);
    await signIn(page, member.email);
    await visit(page, server.url, '/mes-donnees');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données en tableaux (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^maillage-mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/);
    // What the member reads once it is unzipped: files named after the sections, fields in words.
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['LISEZ-MOI.txt', 'Compte et profil.csv', 'Banque de temps.csv', 'mes-donnees.json']),
    );
    const profile = strFromU8(files['Compte et profil.csv']).split('\r\n');
    expect(profile[0].replace(/^\uFEFF/, '')).toBe('Rubrique;N°;Champ;Valeur');
    expect(profile).toContain('Profil;;Nom affiché;Zélie Archive');
    await expect(page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).getAttribute('href')).resolves.toBe(
      '/api/mes-donnees.json',
    );
  });
});
