import 'reflect-metadata';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../../server/src/modules/entraide/entraide.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const stamp = Date.now().toString(36);
const people = {
  amandine: { displayName: 'Amandine Asker', email: `amandine.${stamp}@exemple.fr` },
  bastien: { displayName: 'Bastien Répond', email: `bastien.${stamp}@exemple.fr` },
  chloe: { displayName: 'Chloé Cherche', email: `chloe.${stamp}@exemple.fr` },
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const meta = { ip: '127.0.0.1' };
  const chloe = (await createMember(server.orm.em.fork(), { ...people.chloe, password: PASSWORD }, meta)).user;
  // Amandine's profile says where she works: her questions start from there.
  const amandineEm = server.orm.em.fork();
  const amandine = (await createMember(amandineEm, { ...people.amandine, password: PASSWORD }, meta)).user;
  amandine.departement = '44';
  amandine.commune = 'Savenay';
  await amandineEm.flush();
  await createMember(server.orm.em.fork(), { ...people.bastien, password: PASSWORD }, meta);
  // An older question, so the ask form has something similar to propose.
  await askQuestion(server.orm.em.fork(), chloe, {
    title: 'Installer une application sur un vieux smartphone Android',
    body: 'Le Play Store dit que l’appareil n’est pas compatible.',
    tags: ['Smartphone'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in person; generous timeouts, since this machine's two cores are shared by many runs. */
async function person(email: string) {
  const opened = await newPage(browser);
  opened.context.setDefaultTimeout(90_000);
  await signIn(opened.page, email);
  return opened;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion?retour=%2Fentraide`);
  // Type only once the page is live (hydration would otherwise reset the fields).
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL(`${server.url}/entraide`);
}

describe('Entraide in the browser', () => {
  it('A asks (seeing similar questions), B answers, A accepts, C finds it without accents, B is first in "Qui sait ?"', async () => {
    // A asks.
    const a = await person(people.amandine.email);
    await visit(a.page, server.url, '/entraide');
    expect(await a.page.getByRole('heading', { level: 1 }).textContent()).toBe('Entraide');
    await a.page.getByRole('link', { name: 'Poser une question' }).first().click();
    await a.page.waitForURL('**/entraide/questions/nouvelle');
    await a.page.waitForLoadState('networkidle');
    await expectAccessible(a.page);
    // Where the question comes from is filled in from her profile, for her to change if need be.
    expect(await a.page.getByLabel('Département').inputValue()).toBe('44');
    expect(await a.page.getByLabel('Commune').inputValue()).toBe('Savenay');

    // Mistakes are said next to their field, and nothing typed is lost.
    await a.page.getByLabel('Votre question en une phrase').fill('Appli ?');
    await a.page.getByRole('button', { name: 'Publier ma question' }).click();
    await expect.poll(() => a.page.locator('#field-title-error').textContent()).toContain('au moins 10 caractères');
    expect(await a.page.locator('#field-tags-error').textContent()).toContain('au moins un mot-clé');
    expect(await a.page.getByLabel('Votre question en une phrase').inputValue()).toBe('Appli ?');
    await expectAccessible(a.page);

    // While the title is typed, similar questions are proposed.
    await a.page.getByLabel('Votre question en une phrase').fill('');
    await a.page
      .getByLabel('Votre question en une phrase')
      .pressSequentially('Réinstaller une application sur un téléphone sans mémoire', { delay: 5 });
    await expect
      .poll(() => a.page.getByRole('heading', { name: 'Ces questions ressemblent à la vôtre' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await a.page.getByRole('link', { name: 'Installer une application sur un vieux smartphone Android' }).count()).toBe(1);
    await expectAccessible(a.page);

    await a.page.getByLabel('La situation').fill('Une bénéficiaire n’a plus de place : l’installation de l’application **Ameli** échoue.');
    await a.page.getByLabel('Mots-clés').fill('Téléphone Ameli, Smartphone');
    await a.page.getByLabel('Département').fill('44');
    await a.page.getByRole('button', { name: 'Publier ma question' }).click();
    await a.page.waitForURL(/\/entraide\/questions\/[0-9a-f-]{36}$/);
    const questionUrl = a.page.url();
    expect(await a.page.getByRole('heading', { level: 1 }).textContent()).toBe('Réinstaller une application sur un téléphone sans mémoire');
    expect(await a.page.locator('.prose strong').first().textContent()).toBe('Ameli');
    expect(await a.page.getByText('Vous suivez cette question').count()).toBe(1);
    await expectAccessible(a.page);

    // B votes and answers.
    const b = await person(people.bastien.email);
    await visit(b.page, server.url, new URL(questionUrl).pathname);
    await b.page.getByRole('button', { name: 'Utile' }).first().click();
    await expect.poll(() => b.page.getByText('Utilité de la question : 1').count()).toBe(1);
    expect(await b.page.getByRole('button', { name: /Utile.*votre vote/ }).getAttribute('aria-pressed')).toBe('true');
    await b.page.getByLabel('Votre réponse').fill('Videz le cache de WhatsApp et les vidéos, puis réessayez l’installation.');
    await b.page.getByRole('button', { name: 'Publier ma réponse' }).click();
    await expect.poll(() => b.page.getByRole('status').first().textContent()).toContain('Votre réponse est publiée');
    expect(await b.page.getByRole('heading', { name: /Réponse de Bastien Répond/ }).count()).toBe(1);
    await expectAccessible(b.page);

    // A is told, and accepts the answer.
    await a.page.goto(`${server.url}/notifications`);
    expect(await a.page.getByText('Bastien Répond a répondu à « Réinstaller une application sur un téléphone sans mémoire »').count()).toBe(
      1,
    );
    await expectAccessible(a.page);
    await a.page.goto(questionUrl);
    await a.page.waitForLoadState('networkidle');
    await a.page.getByRole('button', { name: 'Accepter cette réponse' }).click();
    await expect.poll(() => a.page.getByText('Réponse acceptée').count()).toBe(1);
    expect(await a.page.getByRole('button', { name: 'Accepter cette réponse' }).count()).toBe(0);
    await expectAccessible(a.page);

    // C searches without accents and finds it, solved.
    const c = await person(people.chloe.email);
    await visit(c.page, server.url, '/entraide');
    await c.page.getByRole('searchbox', { name: 'Rechercher une question' }).fill('reinstaller telephone memoire');
    await c.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await c.page.waitForURL('**/entraide?q=*');
    const result = c.page.getByRole('article').filter({ hasText: 'Réinstaller une application sur un téléphone sans mémoire' });
    expect(await result.count()).toBe(1);
    expect(await result.getByText('Résolue').count()).toBe(1);
    expect(await c.page.getByText('— 1 question', { exact: true }).count()).toBe(1);
    expect(await result.getByRole('link', { name: 'Amandine Asker' }).getAttribute('href')).toMatch(/^\/membres\/[0-9a-f-]{36}$/);
    await expectAccessible(c.page);
    await expectWorksAt360(c.page);

    // The tag page and "Qui sait ?": B comes first, with the evidence.
    await c.page.getByRole('link', { name: 'Téléphone Ameli' }).first().click();
    await c.page.waitForURL('**/entraide/mots-cles/telephone-ameli');
    await expectAccessible(c.page);
    await c.page.getByRole('button', { name: 'Suivre ce mot-clé' }).click();
    await expect.poll(() => c.page.getByText('Vous suivez ce mot-clé').count()).toBe(1);
    await visit(c.page, server.url, '/entraide/qui-sait');
    await c.page.getByLabel('Sur quel sujet ?').fill('Téléphone Ameli');
    await c.page.getByRole('button', { name: 'Trouver qui sait' }).click();
    await c.page.waitForURL('**/entraide/qui-sait?*');
    const first = c.page.locator('ol.experts > li').first();
    expect(await first.textContent()).toContain('Bastien Répond');
    expect(await first.textContent()).toContain('1 réponse acceptée');
    await expectAccessible(c.page);
    await expectWorksAt360(c.page);
    expect(await first.getByRole('link', { name: 'Bastien Répond' }).count()).toBe(1);

    // On the question, every name beside what someone did leads to their profile, where one can write to them.
    await visit(c.page, server.url, new URL(questionUrl).pathname);
    expect(await c.page.getByRole('link', { name: 'Amandine Asker' }).count()).toBe(1);
    await c.page
      .getByRole('heading', { name: /Réponse de Bastien Répond/ })
      .getByRole('link', { name: 'Bastien Répond' })
      .click();
    await c.page.waitForURL(/\/membres\/[0-9a-f-]{36}$/);
    expect(await c.page.getByRole('heading', { level: 1 }).textContent()).toBe('Bastien Répond');
    expect(await c.page.getByRole('link', { name: 'Envoyer un message' }).count()).toBe(1);
    await expectAccessible(c.page);

    // B's profile shows the same evidence.
    await visit(b.page, server.url, '/profil');
    const known = b.page.getByRole('listitem').filter({ hasText: 'Téléphone Ameli' }).first();
    expect(await known.textContent()).toContain(french('1 réponse acceptée · 0 vote « utile » · 1 réponse'));

    for (const person of [a, b, c]) await person.context.close();
  }, 480_000); // one long journey of three people on a shared 2-core machine

  it('says a wrong département or a too long search next to its field, still listing the questions, what was typed kept', async () => {
    const { page, context } = await newPage(browser);
    await visit(page, server.url, '/entraide');
    const listed = await page.locator('main ul.question-list > li').count();
    expect(listed).toBeGreaterThan(0);
    await page.getByText('Affiner', { exact: true }).click();
    await page.getByLabel('Département').fill('zz');
    await page.getByRole('button', { name: 'Afficher les questions' }).click();
    await page.waitForURL('**/entraide?*departement=zz*');
    await page.getByText(french('« zz » n’est pas un numéro de département.')).waitFor();
    expect(await page.getByLabel('Département').inputValue()).toBe('zz');
    expect(await page.getByLabel('Département').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('main ul.question-list > li').count()).toBe(listed);
    await expectAccessible(page);
    // A shared link with a search longer than the field allows: the same page, the sentence under the search.
    const long = 'imprimer '.repeat(30);
    await page.goto(`${server.url}/entraide?q=${encodeURIComponent(long)}`);
    await page.getByText(french('Ce texte est trop long : 200 caractères au plus.')).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Rechercher une question' }).inputValue()).toBe(long.trim());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Entraide');
    await context.close();
  });

  it('names the territory of a question that gives only its département: "département 44", never a bare "(44)"', async () => {
    const sql = (text: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute(text, params);
    const [question] = await sql(`select id from question order by created_at limit 1`);
    await sql(`update question set commune = null, departement = '44' where id = ?`, [question.id]);
    const { page, context } = await newPage(browser);
    await visit(page, server.url, `/entraide/questions/${question.id}`);
    const text = await page.locator('main').textContent();
    expect(text).toContain(french('Territoire : département 44'));
    expect(text).not.toContain('(44)');
    await context.close();
  });

  it('leaves the name of a suspended member as plain text: their profile answers 404', async () => {
    const sql = (text: string, params: unknown[] = []) => server.orm.em.fork().getConnection().execute(text, params);
    const { user } = await createMember(server.orm.em.fork(), {
      displayName: 'Sandrine Suspendue',
      email: `sandrine.${stamp}@exemple.fr`,
      password: PASSWORD,
    });
    const questionId = await askQuestion(server.orm.em.fork(), user, {
      title: 'Imprimer une attestation depuis un téléphone',
      body: 'La personne n’a pas d’ordinateur chez elle.',
      tags: ['Impression'],
    });
    await sql(`update app_user set status = 'suspended', suspended_until = now() + interval '7 days' where id = ?`, [user.id]);
    const { page, context } = await newPage(browser);
    await visit(page, server.url, `/entraide/questions/${questionId}`);
    expect(await page.getByText(/Posée par Sandrine Suspendue/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Sandrine Suspendue' }).count()).toBe(0);
    expect((await page.goto(`${server.url}/membres/${user.id}`))?.status()).toBe(404);
    await context.close();
  });
});
