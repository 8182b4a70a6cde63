import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { addMember, createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import {
  expectAccessible,
  expectWorksAt360,
  launchBrowser,
  newPage,
  POLL,
  startProductServer,
  visit,
  type E2EServer,
} from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

/**
 * A place's admin manages its members from its page (/organisations/<slug>), on a phone: finds a person of the
 * directory by name, adds them with a role, changes a role, removes someone after confirming; the last admin is
 * told why they cannot step down; a plain member sees the list and may only leave.
 */
const PLACE = 'Médiathèque Jules-Verne de Savenay';
const LAST_ADMIN = 'Ce lieu garde toujours au moins un administrateur : nommez-en un autre d’abord.';
let server: E2EServer;
let browser: Browser;
let slug: string;
let placeId: string;
const people: Record<'alix' | 'elise' | 'bruno' | 'chloe' | 'denis' | 'gilles' | 'fanny' | 'gaspard', User> = {} as never;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const account = async (email: string, displayName: string) =>
    (await createMember(em.fork(), { email, password: 'une phrase de passe solide', displayName })).user;
  people.alix = await account('alix@membres.exemple.fr', 'Alix Morvan');
  people.elise = await account('elise@membres.exemple.fr', 'Élise Martin');
  people.bruno = await account('bruno@membres.exemple.fr', 'Bruno Martin');
  people.chloe = await account('chloe@membres.exemple.fr', 'Chloé Martin');
  people.denis = await account('denis@membres.exemple.fr', 'Denis Martin');
  // Lives in Saint-Martin-des-Noyers: a search for "Martin" by name does not find him.
  people.gilles = await account('gilles@membres.exemple.fr', 'Gilles Caradec');
  people.fanny = await account('fanny@membres.exemple.fr', 'Fanny Le Goff');
  people.gaspard = await account('gaspard@membres.exemple.fr', 'Gaspard Rio');
  const profiles = em.fork();
  (await profiles.findOneOrFail(User, { id: people.gilles.id })).commune = 'Saint-Martin-des-Noyers';
  await profiles.flush();
  const place = await createOrganization(em.fork(), people.alix, { name: PLACE });
  [slug, placeId] = [place.slug, place.id];
  const adminEm = em.fork();
  const admin = await adminEm.findOneOrFail(User, { id: people.alix.id });
  await addMember(adminEm, admin, { organizationId: placeId, userId: people.bruno.id });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(who: User, options: { javaScript?: boolean } = {}): Promise<Page> {
  const em = server.orm.em.fork();
  const user = await em.findOneOrFail(User, { id: who.id });
  const { token } = await openSession(em, user, { ip: '127.0.0.1' });
  const context =
    options.javaScript === false
      ? await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 }, javaScriptEnabled: false })
      : (await newPage(browser, { width: 360 })).context;
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return context.pages()[0] ?? context.newPage();
}

/** The names of the members' list, one line each, as the page writes them. */
async function memberLines(page: Page): Promise<string[]> {
  return (await page.locator('section[aria-labelledby="membres"] ul > li > p:first-child').allInnerTexts()).map((line) =>
    line.replace(/\s+/g, ' ').trim(),
  );
}

const member = (page: Page, name: string) =>
  page.locator('section[aria-labelledby="membres"] ul > li').filter({ has: page.getByRole('link', { name, exact: true }) });
const candidate = (page: Page, name: string) => page.locator('section[aria-labelledby="ajouter"] li.card').filter({ hasText: name });

describe("a place's admin", () => {
  it('adds a person found by name, promotes them, is refused stepping down alone, and removes them after confirming', async () => {
    const page = await signedInPage(people.alix);
    await visit(page, server.url, `/organisations/${slug}`);
    expect(await memberLines(page)).toEqual(['Alix Morvan (vous) — Administrateur·rice', 'Bruno Martin — Membre']);

    // Alone as admin: stepping down is refused, in French, next to their own line, and the chosen role stays.
    await page.getByLabel('Rôle d’Alix Morvan').selectOption({ label: 'Membre' });
    await member(page, 'Alix Morvan').getByRole('button', { name: 'Enregistrer' }).click();
    await member(page, 'Alix Morvan').getByRole('alert').filter({ hasText: LAST_ADMIN }).waitFor(POLL);
    expect(await page.getByLabel('Rôle d’Alix Morvan').inputValue()).toBe('MEMBER');
    expect(await memberLines(page)).toEqual(['Alix Morvan (vous) — Administrateur·rice', 'Bruno Martin — Membre']);

    // The directory's name search: members already here are marked, the others can be added; someone who only lives
    // in a Saint-Martin is not a Martin.
    await page.getByLabel('Nom ou prénom').fill('Martin');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('personne') === 'Martin');
    await candidate(page, 'Élise Martin').waitFor(POLL);
    expect(await candidate(page, 'Bruno Martin').innerText()).toContain('Déjà membre');
    expect(await candidate(page, 'Bruno Martin').getByRole('button').count()).toBe(0);
    expect(await candidate(page, 'Alix Morvan').count()).toBe(0);
    expect(await candidate(page, 'Gilles Caradec').count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: '4 résultats' }).count()).toBe(1);
    await expectWorksAt360(page);

    // Meanwhile someone else added Chloé: the API's refusal shows beside her, nothing else changes.
    const em = server.orm.em.fork();
    await addMember(em, await em.findOneOrFail(User, { id: people.alix.id }), { organizationId: placeId, userId: people.chloe.id });
    await page.getByRole('button', { name: 'Ajouter Chloé Martin' }).click();
    await candidate(page, 'Chloé Martin')
      .getByRole('alert')
      .filter({ hasText: 'Cette personne fait déjà partie de l’organisation.' })
      .waitFor(POLL);

    await page.getByLabel('Rôle d’Élise Martin').selectOption({ label: 'Membre' });
    await page.getByRole('button', { name: 'Ajouter Élise Martin' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: french(`Élise Martin fait maintenant partie de « ${PLACE} ».`) })
      .waitFor(POLL);
    expect(await memberLines(page)).toContain('Élise Martin — Membre');
    expect(await candidate(page, 'Élise Martin').innerText()).toContain('Déjà membre');

    // Promoted: two admins now, so Alix could step down; Élise's line says her new role.
    await page.getByLabel('Rôle d’Élise Martin').selectOption({ label: 'Administrateur·rice' });
    await member(page, 'Élise Martin').getByRole('button', { name: 'Enregistrer' }).click();
    await member(page, 'Élise Martin')
      .getByRole('status')
      .filter({ hasText: french('Élise Martin a maintenant le rôle « Administrateur·rice ».') })
      .waitFor(POLL);
    expect(await memberLines(page)).toContain('Élise Martin — Administrateur·rice');

    // Removing asks to confirm first.
    const confirm = page.getByRole('button', { name: 'Confirmer le retrait d’Élise Martin' });
    expect(await confirm.isVisible()).toBe(false);
    await member(page, 'Élise Martin').getByText('Retirer Élise Martin').click();
    await confirm.click();
    await page
      .getByRole('status')
      .filter({ hasText: french(`Élise Martin ne fait plus partie de « ${PLACE} ».`) })
      .waitFor(POLL);
    expect(await memberLines(page)).toEqual(['Alix Morvan (vous) — Administrateur·rice', 'Bruno Martin — Membre', 'Chloé Martin — Membre']);
    await page.context().close();
  });

  it('does the same without JavaScript: a search form, an "Ajouter" button per person, a confirmation to remove', async () => {
    const page = await signedInPage(people.alix, { javaScript: false });
    await page.goto(`${server.url}/organisations/${slug}`);
    await page.getByLabel('Nom ou prénom').fill('denis');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: 'Ajouter Denis Martin' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: french(`Denis Martin fait maintenant partie de « ${PLACE} ».`) })
      .waitFor(POLL);
    expect(await memberLines(page)).toContain('Denis Martin — Membre');
    // The search stays on the page after adding.
    expect(await candidate(page, 'Denis Martin').innerText()).toContain('Déjà membre');

    await page.getByLabel('Rôle de Denis Martin').selectOption({ label: 'Éditeur·rice' });
    await member(page, 'Denis Martin').getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(french('Denis Martin a maintenant le rôle « Éditeur·rice ».')).waitFor(POLL);
    expect(await memberLines(page)).toContain('Denis Martin — Éditeur·rice');

    await member(page, 'Denis Martin').getByText('Retirer Denis Martin').click();
    await page.getByRole('button', { name: 'Confirmer le retrait de Denis Martin' }).click();
    await page.getByText(french(`Denis Martin ne fait plus partie de « ${PLACE} ».`)).waitFor(POLL);
    expect(await memberLines(page)).not.toContain('Denis Martin — Éditeur·rice');
    await page.context().close();
  });
});

describe('a place with many members', () => {
  const CROWDED = 'Tiers-lieu du Sillon';
  let crowded: string;
  beforeAll(async () => {
    const em = server.orm.em.fork();
    const admin = await em.findOneOrFail(User, { id: people.alix.id });
    const place = await createOrganization(em, admin, { name: CROWDED });
    crowded = place.slug;
    // 35 members besides its admin, who joined one after the other ("Membre du Sillon 01" first).
    await em.getConnection().execute(
      `with joined as (
         insert into app_user (id, email, display_name, created_at, updated_at)
         select gen_random_uuid(), 'sillon' || i || '@membres.exemple.fr', 'Membre du Sillon ' || lpad(i::text, 2, '0'), now(), now()
           from generate_series(1, 35) i
         returning id, display_name)
       insert into membership (id, organization_id, user_id, role, created_at, updated_at)
       select gen_random_uuid(), ?, id, 'member', now() + right(display_name, 2)::int * interval '1 second', now() from joined`,
      [place.id],
    );
  });

  it('shows them 30 at a time, "Afficher plus de membres" giving the next ones, with or without JavaScript', async () => {
    const { page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, `/organisations/${crowded}`);
    expect(await page.getByRole('heading', { name: 'Membres (36)' }).count()).toBe(1);
    const firstPage = await memberLines(page);
    expect(firstPage).toHaveLength(30);
    expect(firstPage[0]).toBe('Alix Morvan — Administrateur·rice');
    expect(firstPage[29]).toBe('Membre du Sillon 29 — Membre');
    expect(await page.getByRole('link', { name: 'Revenir au début de la liste' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Afficher plus de membres' }).click();
    await page.waitForURL((url) => url.searchParams.has('membres'));
    await page.getByRole('link', { name: 'Revenir au début de la liste' }).waitFor(POLL);
    expect(await memberLines(page)).toEqual([30, 31, 32, 33, 34, 35].map((n) => `Membre du Sillon ${n} — Membre`));
    expect(await page.getByRole('link', { name: 'Afficher plus de membres' }).count()).toBe(0);
    await expectWorksAt360(page);
    await page.getByRole('link', { name: 'Revenir au début de la liste' }).click();
    await page.waitForURL((url) => !url.searchParams.has('membres'));
    expect(await memberLines(page)).toEqual(firstPage);
    await page.context().close();

    // Without JavaScript, the admin removes someone of the second page and stays on it.
    const admin = await signedInPage(people.alix, { javaScript: false });
    await admin.goto(`${server.url}/organisations/${crowded}`);
    await admin.getByRole('link', { name: 'Afficher plus de membres' }).click();
    await member(admin, 'Membre du Sillon 33').getByText('Retirer Membre du Sillon 33').click();
    await admin.getByRole('button', { name: 'Confirmer le retrait de Membre du Sillon 33' }).click();
    await admin.getByText(french(`Membre du Sillon 33 ne fait plus partie de « ${CROWDED} ».`)).waitFor(POLL);
    expect(await memberLines(admin)).toEqual([30, 31, 32, 34, 35].map((n) => `Membre du Sillon ${n} — Membre`));
    await admin.context().close();
  });
});

describe('a place with many requests to join', () => {
  const BUSY = 'Espace de vie sociale de Bouvron';
  let busy: string;
  beforeAll(async () => {
    const em = server.orm.em.fork();
    const admin = await em.findOneOrFail(User, { id: people.alix.id });
    const place = await createOrganization(em, admin, { name: BUSY });
    busy = place.slug;
    // 21 people asked, one after the other ("Demandeur de Bouvron 01" first).
    await em.getConnection().execute(
      `with asking as (
         insert into app_user (id, email, display_name, created_at, updated_at)
         select gen_random_uuid(), 'bouvron' || i || '@membres.exemple.fr', 'Demandeur de Bouvron ' || lpad(i::text, 2, '0'), now(), now()
           from generate_series(1, 21) i
         returning id, display_name)
       insert into membership_request (id, organization_id, user_id, created_at, updated_at)
       select gen_random_uuid(), ?, id, now() + right(display_name, 2)::int * interval '1 second', now() from asking`,
      [place.id],
    );
  });
  const requestNames = async (page: Page) =>
    (await page.locator('section[aria-labelledby="demandes"] ul.requests > li > p:first-child').allInnerTexts()).map(
      (line) => /Demandeur de Bouvron \d+/.exec(line)?.[0],
    );

  it('shows its admins 20 at a time, oldest first, "Afficher plus de demandes" giving the 21st, with or without JavaScript', async () => {
    const page = await signedInPage(people.alix);
    await visit(page, server.url, `/organisations/${busy}`);
    expect(await page.getByRole('heading', { name: 'Demandes pour rejoindre (21)' }).count()).toBe(1);
    const firstPage = await requestNames(page);
    expect(firstPage).toHaveLength(20);
    expect(firstPage[0]).toBe('Demandeur de Bouvron 01');
    expect(firstPage[19]).toBe('Demandeur de Bouvron 20');
    expect(await page.getByRole('link', { name: 'Revenir aux premières demandes' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Afficher plus de demandes' }).click();
    await page.waitForURL((url) => url.searchParams.has('demandes'));
    await page.getByRole('link', { name: 'Revenir aux premières demandes' }).waitFor(POLL);
    expect(await requestNames(page)).toEqual(['Demandeur de Bouvron 21']);
    expect(await page.getByRole('heading', { name: 'Demandes pour rejoindre (21)' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Afficher plus de demandes' }).count()).toBe(0);
    await expectWorksAt360(page);
    await page.getByRole('link', { name: 'Revenir aux premières demandes' }).click();
    await page.waitForURL((url) => !url.searchParams.has('demandes'));
    expect(await requestNames(page)).toEqual(firstPage);
    await page.context().close();

    // Without JavaScript, the admin accepts the 21st on its page and stays there.
    const admin = await signedInPage(people.alix, { javaScript: false });
    await admin.goto(`${server.url}/organisations/${busy}`);
    await admin.getByRole('link', { name: 'Afficher plus de demandes' }).click();
    await admin.getByRole('button', { name: 'Accepter la demande de Demandeur de Bouvron 21' }).click();
    await admin.getByText(french(`Demandeur de Bouvron 21 fait maintenant partie de « ${BUSY} ».`)).waitFor(POLL);
    expect(new URL(admin.url()).searchParams.has('demandes')).toBe(true);
    expect(await requestNames(admin)).toEqual([]);
    expect(await admin.getByRole('heading', { name: 'Demandes pour rejoindre (20)' }).count()).toBe(1);
    await admin.getByRole('link', { name: 'Revenir aux premières demandes' }).click();
    expect(await requestNames(admin)).toEqual(firstPage);
    await admin.context().close();
  });
});

describe('someone who asks to join the place', () => {
  const joinSection = (page: Page) => page.locator('section[aria-labelledby="rejoindre"]');
  const requestsSection = (page: Page) => page.locator('section[aria-labelledby="demandes"]');

  it('asks with a word, on a phone; an admin sees it on the page and accepts: a plain member', async () => {
    const page = await signedInPage(people.fanny);
    await visit(page, server.url, `/organisations/${slug}`);
    await page.getByLabel('Un mot aux administrateurs (facultatif)').fill('Je suis bénévole le mardi après-midi.');
    await expectWorksAt360(page);
    await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).click();
    await joinSection(page)
      .getByRole('status')
      .filter({ hasText: french(`Votre demande est envoyée aux administrateurs de « ${PLACE} ». Vous serez prévenu·e de leur réponse.`) })
      .waitFor(POLL);
    expect(await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Retirer ma demande' }).waitFor(POLL);
    await expectAccessible(page);

    const admin = await signedInPage(people.alix);
    await visit(admin, server.url, `/organisations/${slug}`);
    expect(await requestsSection(admin).getByRole('heading').innerText()).toBe('Demandes pour rejoindre (1)');
    expect(await requestsSection(admin).innerText()).toContain('Je suis bénévole le mardi après-midi.');
    await expectWorksAt360(admin);
    await admin.getByRole('button', { name: 'Accepter la demande de Fanny Le Goff' }).click();
    await requestsSection(admin)
      .getByRole('status')
      .filter({ hasText: french(`Fanny Le Goff fait maintenant partie de « ${PLACE} ».`) })
      .waitFor(POLL);
    expect(await memberLines(admin)).toContain('Fanny Le Goff — Membre');
    expect(await requestsSection(admin).innerText()).toContain('Aucune demande n’attend de réponse.');
    await admin.context().close();

    // She is told, and the page now treats her as a member.
    await visit(page, server.url, '/notifications');
    expect(await page.locator('main').textContent()).toContain(french(`Vous faites maintenant partie de « ${PLACE} ».`));
    await visit(page, server.url, `/organisations/${slug}`);
    expect(await joinSection(page).count()).toBe(0);
    expect(await memberLines(page)).toContain('Fanny Le Goff (vous) — Membre');
    await page.context().close();
  });

  it('without JavaScript: asks, withdraws, asks again; refused, is told from when to ask again', async () => {
    const page = await signedInPage(people.gaspard, { javaScript: false });
    const admin = await signedInPage(people.alix, { javaScript: false });
    await page.goto(`${server.url}/organisations/${slug}`);
    await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).click();
    await page.getByRole('button', { name: 'Retirer ma demande' }).waitFor(POLL);
    await admin.goto(`${server.url}/organisations/${slug}`);

    // He withdraws it while the admin's page still shows it, then asks again with a word.
    await page.getByRole('button', { name: 'Retirer ma demande' }).click();
    await page.getByText('Votre demande est retirée.').waitFor(POLL);
    await page.getByLabel('Un mot aux administrateurs (facultatif)').fill('Finalement oui : je viens aider à l’accueil.');
    await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).click();
    await page.getByRole('button', { name: 'Retirer ma demande' }).waitFor(POLL);

    await admin.getByRole('button', { name: 'Refuser la demande de Gaspard Rio' }).click();
    await requestsSection(admin).getByRole('alert').filter({ hasText: 'Cette personne a retiré sa demande.' }).waitFor(POLL);
    expect(await requestsSection(admin).innerText()).toContain('Finalement oui : je viens aider à l’accueil.');
    await admin.getByRole('button', { name: 'Refuser la demande de Gaspard Rio' }).click();
    await admin.getByText(french('Demande de Gaspard Rio refusée : la personne en est prévenue.')).waitFor(POLL);
    expect(await memberLines(admin)).not.toContain('Gaspard Rio — Membre');
    await admin.context().close();

    await page.goto(`${server.url}/organisations/${slug}`);
    expect(await joinSection(page).innerText()).toMatch(
      /Votre demande n’a pas été acceptée\. Vous pourrez demander de nouveau à partir du \S+ \d+(er)? \S+( \d{4})?\./,
    );
    expect(await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('a plain member and a visitor', () => {
  it('see the list without the controls; the member may leave the place', async () => {
    const visitor = (await newPage(browser, { width: 360 })).page;
    await visit(visitor, server.url, `/organisations/${slug}`);
    expect(await memberLines(visitor)).toContain('Bruno Martin — Membre');
    for (const words of ['Enregistrer', 'Ajouter un membre', 'Retirer', 'Quitter ce lieu', 'Nom ou prénom', 'Demandes pour rejoindre']) {
      expect(await visitor.getByText(words).count(), words).toBe(0);
    }
    expect(await visitor.locator('main select').count()).toBe(0);
    // Asking to join is for the signed-in: a link to sign in, no form.
    expect(await visitor.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).count()).toBe(0);
    expect(await visitor.getByRole('link', { name: 'Se connecter pour demander à rejoindre ce lieu' }).count()).toBe(1);
    await visitor.context().close();

    const page = await signedInPage(people.bruno);
    await visit(page, server.url, `/organisations/${slug}`);
    expect(await memberLines(page)).toContain('Bruno Martin (vous) — Membre');
    for (const words of [
      'Enregistrer',
      'Ajouter un membre',
      'Retirer',
      'Nom ou prénom',
      'Demander à rejoindre',
      'Demandes pour rejoindre',
      'Accepter',
    ]) {
      expect(await page.getByText(words).count(), words).toBe(0);
    }
    expect(await page.locator('main select').count()).toBe(0);

    await page.getByText('Quitter ce lieu').click();
    await page.getByRole('button', { name: french(`Confirmer : je quitte « ${PLACE} »`) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: french(`Vous avez quitté « ${PLACE} ».`) })
      .waitFor(POLL);
    expect(await memberLines(page)).not.toContain('Bruno Martin (vous) — Membre');
    expect(await page.getByText('Quitter ce lieu').count()).toBe(0);
    // Gone, he may ask to come back.
    await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).waitFor(POLL);
    await page.context().close();
  });
});

describe('a visitor who would like to join the place', () => {
  it('is invited to sign in, and comes back to the place to ask, without JavaScript', async () => {
    const email = 'hugo@membres.exemple.fr';
    await createMember(server.orm.em.fork(), { email, password: 'une phrase de passe solide', displayName: 'Hugo Le Bihan' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/organisations/${slug}`);
    await page.getByRole('link', { name: 'Se connecter pour demander à rejoindre ce lieu' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('retour') === `/organisations/${slug}`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => url.pathname === `/organisations/${slug}`);
    await page.getByRole('button', { name: 'Demander à rejoindre ce lieu' }).click();
    await page.getByRole('button', { name: 'Retirer ma demande' }).waitFor(POLL);
    expect(await page.getByRole('link', { name: 'Se connecter pour demander à rejoindre ce lieu' }).count()).toBe(0);
    await context.close();
  });
});
