import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { openSession } from '../../server/src/modules/comptes/comptes.service.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

/**
 * "Signaler" on every piece of content (issue #17, point 1): with the demo network, a member finds the
 * "Signaler" link beside one content of each kind, gives a reason, and a moderator finds every case
 * in the queue, with its excerpt's Markdown rendered (no raw "**") and a link that leads to the content.
 */
let server: E2EServer;
let browser: Browser;
let reporterToken: string;
let moderatorToken: string;

/** Each kind, the page that shows one (by someone else than the reporter) and what the queue calls it. */
const KINDS: Array<{ type: string; label: string; page: string }> = [
  {
    type: 'entraide.question',
    label: 'une question',
    page: `select '/entraide/questions/' || id as path from question where hidden_at is null order by created_at limit 1`,
  },
  {
    type: 'entraide.answer',
    label: 'une réponse',
    page: `select '/entraide/questions/' || q.id as path from answer a join question q on q.id = a.question_id
            where a.hidden_at is null and q.hidden_at is null order by a.created_at limit 1`,
  },
  {
    type: 'agenda.event',
    label: 'un événement',
    page: `select '/agenda/evenements/' || id as path from agenda_event where hidden_at is null order by starts_at desc limit 1`,
  },
  {
    type: 'agenda.session',
    label: 'une proposition de session de barcamp',
    page: `select '/agenda/evenements/' || event_id || '/programme' as path from barcamp_session where hidden_at is null limit 1`,
  },
  {
    type: 'timebank.post',
    label: 'une annonce de la banque de temps',
    page: `select '/banque-de-temps/annonces/' || id as path from timebank_post where hidden_at is null order by created_at limit 1`,
  },
  {
    type: 'projets.project',
    label: 'un projet',
    page: `select '/projets/' || slug as path from project where hidden_at is null order by created_at limit 1`,
  },
  {
    type: 'projets.campaign',
    label: 'une campagne de test',
    page: `select '/projets/campagnes/' || id as path from campaign where hidden_at is null order by created_at limit 1`,
  },
  {
    type: 'charte.amendment',
    label: 'une proposition d’amendement',
    page: `select '/charte/amendements/' || id as path from charter_amendment where hidden_at is null order by created_at limit 1`,
  },
  {
    type: 'charte.comment',
    label: 'un commentaire sur un amendement',
    page: `select '/charte/amendements/' || amendment_id as path from charter_amendment_comment where hidden_at is null
            order by created_at limit 1`,
  },
  {
    type: 'profile',
    label: 'la présentation d’un profil',
    page: `select '/membres/' || id as path from app_user where email = 'camille@demo.maillage.fr'`,
  },
];

async function pathOf(statement: string): Promise<string> {
  const [row] = await server.orm.em.fork().getConnection().execute<{ path: string }[]>(statement);
  if (!row) throw new Error(`nothing in the demo network for: ${statement}`);
  return row.path;
}

async function signedIn(token: string, width?: number): Promise<Page> {
  const { context, page } = await newPage(browser, { width });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer({ SEED_DEMO: '1' }), launchBrowser()]);
  const em = server.orm.em.fork();
  // A member of a few weeks (past the first-week limit of 5 posts an hour), who wrote none of the demo content.
  const rita = await createMember(em, {
    email: 'rita.signale@exemple.fr',
    password: 'une phrase de passe solide',
    displayName: 'Rita Vigilante',
  });
  await em.getConnection().execute(`update app_user set created_at = now() - interval '30 days' where id = ?`, [rita.user.id]);
  reporterToken = rita.token;
  const helene = await em.findOneOrFail(User, { email: 'moderation@demo.maillage.fr' });
  moderatorToken = (await openSession(em, helene, { ip: '127.0.0.1' })).token;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('"Signaler" on every piece of content', () => {
  it('a member reports one content of each kind from its page, with a reason', async () => {
    const page = await signedIn(reporterToken);
    for (const kind of KINDS) {
      const path = await pathOf(kind.page);
      await visit(page, server.url, path);
      const link = page.locator(`a[href^="/signaler?"][href*="type=${encodeURIComponent(kind.type)}&"]`).first();
      expect(await link.count(), `no "Signaler" link for ${kind.type} on ${path}`).toBe(1);
      expect(await link.innerText()).toContain('Signaler');
      await link.click();
      await page.waitForURL('**/signaler?**');
      await page.getByLabel('Information fausse ou arnaque').check();
      await page.getByLabel('Précisions').fill(`Vérification : ${kind.label}`);
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Merci, votre signalement a été transmis');
      // "Revenir à la page" leads back to where the member was.
      expect(await page.getByRole('link', { name: 'Revenir à la page' }).getAttribute('href')).toBe(path);
    }
    await expectAccessible(page);
  }, 300_000);

  it('no "Signaler" for a visitor, nor beside one’s own content', async () => {
    const { page } = await newPage(browser);
    const question = await pathOf(KINDS[0].page);
    await page.goto(server.url + question);
    expect(await page.locator('a[href^="/signaler?"]').count()).toBe(0);
    const em = server.orm.em.fork();
    const [{ email }] = await em
      .getConnection()
      .execute<{ email: string }[]>(`select u.email from question q join app_user u on u.id = q.author_id where ? like '%' || q.id`, [
        question,
      ]);
    const author = await em.findOneOrFail(User, { email });
    const own = await signedIn((await openSession(em, author, { ip: '127.0.0.1' })).token);
    await own.goto(server.url + question);
    expect(await own.locator(`a[href^="/signaler?"][href*="type=entraide.question&"]`).count()).toBe(0);
  }, 120_000);

  it('the moderator finds every case in the queue, its Markdown rendered, each linked to its content', async () => {
    const page = await signedIn(moderatorToken);
    await visit(page, server.url, '/moderation');
    // Apostrophes compared straight, whichever the messages use.
    const straight = (text: string) => text.replaceAll('’', "'");
    const titles = (await page.locator('.cases h2').allInnerTexts()).map(straight);
    for (const kind of KINDS)
      expect(
        // A title starts with a capital: "La présentation d’un profil — 2 signalements".
        titles.some((title) => title.trim().startsWith(straight(kind.label.charAt(0).toUpperCase() + kind.label.slice(1)))),
        kind.label,
      ).toBe(true);
    // Excerpts show Markdown as it reads, not its marks (Camille's presentation has "**Ateliers débutants**").
    const excerpts = await page.locator('.cases blockquote').allInnerTexts();
    expect(excerpts.join('\n')).not.toContain('**');
    expect(await page.locator('.cases blockquote strong', { hasText: 'Ateliers débutants' }).count()).toBe(1);
    // Every "Voir le contenu" leads to a page that exists.
    const links = await page
      .getByRole('link', { name: 'Voir le contenu' })
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(KINDS.length);
    for (const href of links) {
      const response = await fetch(new URL(href!, server.url), { headers: { cookie: `${SESSION_COOKIE}=${moderatorToken}` } });
      expect(response.status, href!).toBe(200);
    }
    // Hiding a profile without a reason: the message is the hiding form's, not also its author's (whose id is the profile's).
    const profileCase = page
      .locator('.cases > li')
      .filter({ has: page.locator('h2', { hasText: /présentation d.un profil/ }) })
      .first();
    await profileCase.getByRole('button', { name: 'Masquer le contenu' }).click();
    await profileCase.locator('form.decision .error').waitFor();
    expect(await profileCase.locator('form.decision .error').innerText()).toContain('5 caractères au moins');
    expect(await profileCase.locator('details.member').textContent()).not.toContain('5 caractères au moins');
    await expectWorksAt360(page);
  }, 180_000);
});
