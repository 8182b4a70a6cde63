import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/modules/comptes/user.entity.js';
import { FIRST_CHARTER } from '../../server/src/seed/charte.seed.js';
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

const PASSWORD = 'une phrase de passe solide';
const people = {
  camille: { email: 'camille.charte@exemple.fr', displayName: 'Camille Le Goff' },
  karim: { email: 'karim.charte@exemple.fr', displayName: 'Karim Benali' },
  comite: { email: 'comite.charte@exemple.fr', displayName: 'Comité Maillage' },
};

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  await createMember(em, { ...people.camille, password: PASSWORD }, { ip: '127.0.0.1' });
  await createMember(em, { ...people.karim, password: PASSWORD }, { ip: '127.0.0.1' });
  const { user: committee } = await createMember(em, { ...people.comite, password: PASSWORD }, { ip: '127.0.0.1' });
  committee.role = Role.ADMIN;
  await em.flush();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion?retour=%2Fcharte`);
  // Typing before the page is hydrated could be undone by hydration.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL('**/charte');
}

describe('the charter in the browser', () => {
  it('the committee writes and publishes the first version', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, people.comite.email);
    expect(await page.getByText('La charte n’est pas encore publiée.').count()).toBe(1);
    await visit(page, server.url, '/charte/comite');
    const [first, second, third] = FIRST_CHARTER;
    await page.locator('#field-title-0').fill(first.title);
    await page.locator('#field-body-0').fill(first.body);
    // A text without its title: the mistake is shown next to that title, nothing typed is lost.
    await page.locator('#field-body-1').fill(second.body);
    await page.getByRole('button', { name: 'Publier la version 1 avec ce texte' }).click();
    await expect.poll(() => page.locator('#field-title-1-error').textContent(), POLL).toContain('Donnez un titre à l’article 2.');
    expect(await page.locator('#field-body-1').inputValue()).toBe(second.body);
    await expectAccessible(page);
    await page.locator('#field-title-1').fill(second.title);
    // An empty row in the middle is skipped; the next article becomes article 3.
    await page.locator('#field-title-3').fill(third.title);
    await page.locator('#field-body-3').fill(third.body);
    await page.getByLabel('Ce qui change (journal de la version)').fill('Première version de la charte.');
    await page.getByRole('button', { name: 'Publier la version 1 avec ce texte' }).click();
    await page.waitForURL('**/charte/versions/1');
    expect(await page.getByRole('heading', { name: 'Article 3 — Des ressources libres et ouvertes' }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });

  it('a visitor reads the charter on a phone and is invited to sign in to sign', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/charte');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('La charte du réseau');
    expect(await page.getByRole('heading', { name: 'Article 1 — Accompagner vers l’autonomie' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Me connecter pour signer' }).count()).toBe(1);
    await expectWorksAt360(page);
    await context.close();
  });

  it('member signs v1 and proposes an amendment, another supports it, the committee accepts and publishes v2, the member signs again', async () => {
    // Camille signs version 1.
    const camille = await newPage(browser);
    await signIn(camille.page, people.camille.email);
    await expectAccessible(camille.page);
    await camille.page.getByRole('button', { name: 'Je signe la charte' }).click();
    await expect
      .poll(() => camille.page.getByRole('status').first().textContent())
      .toContain(french('La signature de « Camille Le Goff » (version 1) est enregistrée.'));
    expect(await camille.page.getByText('Vous avez signé la version 1 de la charte.').count()).toBe(1);
    await expectAccessible(camille.page);

    // She proposes to rewrite article 3 — first forgetting to say why.
    await camille.page.getByRole('link', { name: 'Proposer un amendement à l’article 3' }).click();
    await camille.page.waitForURL('**/charte/amendements/nouveau?article=3');
    await expectAccessible(camille.page);
    const body = camille.page.getByLabel('L’article tel que vous le proposez');
    expect(await body.inputValue()).toContain('Nous citons nos sources');
    await body.fill(
      `${await body.inputValue()}\n\nLorsque nous utilisons un outil propriétaire, nous expliquons pourquoi aux personnes accompagnées.`,
    );
    await camille.page.getByRole('button', { name: 'Je propose cet amendement' }).click();
    await expect
      .poll(() => camille.page.locator('#field-reason-error').textContent(), POLL)
      .toContain('pourquoi vous proposez ce changement');
    expect(await body.inputValue()).toContain('nous expliquons pourquoi');
    await expectAccessible(camille.page);
    await camille.page
      .getByLabel('Pourquoi ce changement ?')
      .fill('Beaucoup de démarches imposent des services propriétaires : autant le dire.');
    await camille.page.getByRole('button', { name: 'Je propose cet amendement' }).click();
    await camille.page.waitForURL('**/charte/amendements/*?propose=1');
    const amendmentPath = new URL(camille.page.url()).pathname;
    expect(await camille.page.getByRole('status').first().textContent()).toContain('Votre amendement est proposé.');
    // The change is shown word by word, with words and signs, not colour alone.
    expect(await camille.page.locator('.diff ins').first().textContent()).toContain('+Lorsque nous utilisons un outil propriétaire');
    expect(await camille.page.locator('.diff ins .visually-hidden').first().textContent()).toBe(french('[ajouté : '));
    await expectAccessible(camille.page);

    // Karim supports it and comments.
    const karim = await newPage(browser);
    await signIn(karim.page, people.karim.email);
    await visit(karim.page, server.url, amendmentPath);
    await karim.page.getByRole('button', { name: 'Je soutiens cet amendement' }).click();
    await expect.poll(() => karim.page.getByText('Vous soutenez cet amendement.').count(), POLL).toBe(1);
    expect(await karim.page.locator('dl.facts').textContent()).toContain('1 soutien');
    await karim.page.getByLabel('Votre commentaire').fill('Bonne idée, **je soutiens**.');
    await karim.page.getByRole('button', { name: 'Envoyer mon commentaire' }).click();
    await expect.poll(() => karim.page.locator('.comments strong').last().textContent(), POLL).toBe('je soutiens');
    await expectAccessible(karim.page);

    // The committee accepts it, then publishes version 2.
    const committee = await newPage(browser);
    await signIn(committee.page, people.comite.email);
    await visit(committee.page, server.url, amendmentPath);
    await committee.page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => committee.page.locator('#decision-error').textContent(), POLL).toContain('Choisissez d’accepter');
    await committee.page.getByLabel('Accepter : l’amendement entrera dans la prochaine version').check();
    await committee.page.getByLabel('Réponse à l’auteur et au réseau').fill('Le comité retient cet ajout, merci.');
    await committee.page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => committee.page.getByRole('heading', { name: 'La réponse du comité' }).count(), POLL).toBe(1);
    expect(await committee.page.locator('dl.facts').textContent()).toContain('Accepté');
    await expectAccessible(committee.page);

    await visit(committee.page, server.url, '/charte/comite');
    expect(await committee.page.getByText('1 amendement accepté entrera dans cette version').count()).toBe(1);
    await committee.page.getByRole('button', { name: 'Publier la version 2' }).click();
    await committee.page.waitForURL('**/charte/versions/2');
    expect(await committee.page.getByRole('heading', { level: 1 }).textContent()).toBe('La charte du réseau — version 2');
    expect(await committee.page.getByRole('heading', { name: 'Article 3 — Des ressources libres et ouvertes (modifié)' }).count()).toBe(1);
    await expectAccessible(committee.page);
    await committee.context.close();

    // Camille is asked to sign version 2, sees what changed, and signs again.
    await visit(camille.page, server.url, '/charte');
    expect(await camille.page.getByText('Une nouvelle version attend votre signature : la version 2.').count()).toBe(1);
    expect(await camille.page.locator('.sign-box ins').first().textContent()).toContain('nous expliquons pourquoi');
    await camille.page.getByRole('button', { name: 'Je signe la version 2' }).click();
    await expect.poll(() => camille.page.getByText('Vous avez signé la version 2 de la charte.').count(), POLL).toBe(1);
    expect(await camille.page.getByText('Une nouvelle version attend votre signature').count()).toBe(0);
    await expectAccessible(camille.page);
    await expectWorksAt360(camille.page);
    await camille.context.close();

    // The public list shows which version each signatory signed.
    await visit(karim.page, server.url, '/charte/signataires');
    const list = karim.page.locator('.signatories');
    expect(await list.textContent()).toContain('Camille Le Goff');
    expect(await list.textContent()).toContain('version 2 (en vigueur)');
    // Its counts by kind: "Personne : 2" kept on one line in French, "Person: 2" in English.
    const byKind = karim.page.locator('section[aria-labelledby="comptes"] .counts > div').first().locator('li');
    const counts = async () => (await byKind.allTextContents()).map((text) => text.trim());
    expect((await counts()).length).toBeGreaterThan(0);
    for (const count of await counts()) expect(count).toMatch(/^(Personne|Organisation)\u00a0: \d+$/);
    await karim.context.addCookies([{ name: 'lang', value: 'en', url: server.url }]);
    await visit(karim.page, server.url, '/charte/signataires');
    for (const count of await counts()) expect(count).toMatch(/^(Person|Organization): \d+$/);
    await karim.context.close();
  }, 240_000);

  it('shows the version history, an older version, and the word-by-word differences on a phone', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/charte/versions');
    expect(await page.getByRole('link', { name: 'version 1', exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Voir les changements entre la version 1 et la version 2' }).click();
    await page.waitForURL('**/charte/versions/2#changements');
    expect(await page.locator('.legend').first().textContent()).toContain('souligné');
    await expectWorksAt360(page);
    await visit(page, server.url, '/charte/versions/1');
    expect(await page.getByText('Vous lisez une ancienne version de la charte.').count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain('nous expliquons pourquoi');
    await visit(page, server.url, '/charte/amendements');
    expect(await page.locator('.cards').textContent()).toContain('intégré à la version 2');
    await context.close();
  });
});
