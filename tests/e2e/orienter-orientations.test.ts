import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const meta = { ip: '127.0.0.1' };
  const { user: admin } = await createMember(
    em,
    { email: 'paul@orienter.exemple.fr', password: PASSWORD, displayName: 'Paul Accueil' },
    meta,
  );
  await createMember(em.fork(), { email: 'awa@orienter.exemple.fr', password: PASSWORD, displayName: 'Awa Médiatrice' }, meta);
  await createOrganization(em.fork(), admin, { name: 'Espace numérique de Laxou', commune: 'Laxou', codePostal: '54520' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(email: string): Promise<Page> {
  const { page } = await newPage(browser, { width: 360 });
  await visit(page, server.url, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

describe('orientations between helpers, at 360 px', () => {
  it('a mediator sends an orientation with the person’s consent, the place’s admin accepts, the mediator sees "Acceptée"', async () => {
    const awa = await signIn('awa@orienter.exemple.fr');
    await visit(awa, server.url, '/orienter/orientations');
    await awa.getByRole('link', { name: 'Orienter une personne' }).click();
    await awa.waitForURL('**/orienter/orientations/nouvelle');
    await awa.getByLabel('Lieu (nom ou commune)').fill('laxou');
    await awa.getByRole('button', { name: 'Chercher le lieu' }).click();
    await awa.getByLabel('Espace numérique de Laxou (Laxou)').waitFor();
    await expectAccessible(awa);
    await awa.getByLabel('Prénom ou initiales de la personne').fill('Mme D.');
    await awa.getByLabel('Son besoin').fill('Déclarer ses revenus en ligne');
    // Without the consent box, nothing leaves and nothing typed is lost.
    await awa.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await awa.locator('#consent-error').getByText('Cochez cette case seulement si la personne a donné son accord').waitFor();
    expect(await awa.getByLabel('Prénom ou initiales de la personne').inputValue()).toBe('Mme D.');
    await expectAccessible(awa);
    await awa.getByLabel(/La personne a donné son accord/).check();
    await awa.getByRole('button', { name: 'Envoyer l’orientation' }).click();
    await awa.waitForURL(/\/orienter\/orientations\/[0-9a-f-]{36}$/);
    const link = new URL(awa.url()).pathname;
    expect(await awa.getByText('Envoyée', { exact: true }).count()).toBe(1);
    expect(await awa.getByText(/Noté par Awa Médiatrice le/).count()).toBe(1);
    await expectWorksAt360(awa);

    const paul = await signIn('paul@orienter.exemple.fr');
    await visit(paul, server.url, '/orienter/orientations');
    await paul.getByRole('link', { name: 'Mme D. · Déclarer ses revenus en ligne' }).click();
    await paul.waitForURL(`**${link}`);
    await expectAccessible(paul);
    await paul.getByRole('button', { name: 'Accepter l’orientation' }).click();
    await paul.getByText('Orientation acceptée : la personne qui oriente est prévenue.').waitFor();
    await expectAccessible(paul);

    await visit(awa, server.url, link);
    expect(await awa.getByText('Acceptée', { exact: true }).count()).toBe(1);
    await visit(awa, server.url, '/orienter/orientations');
    expect(await awa.getByRole('link', { name: 'Mme D. · Espace numérique de Laxou' }).count()).toBe(1);
  }, 180_000);
});

describe('the self-check of the five levels, without signing in', () => {
  it('one question per screen, a level per domain, nothing kept without an account', async () => {
    const { page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/orienter/autodiagnostic');
    expect(await page.getByText('Question 1 sur 12').count()).toBe(1);
    // Going on without an answer asks for one, kindly.
    await page.getByRole('button', { name: 'Question suivante' }).click();
    await page.getByText('Choisissez la réponse qui vous ressemble le plus.').waitFor();
    for (let step = 1; step <= 12; step += 1) {
      await page.getByText(`Question ${step} sur 12`).waitFor();
      const answers = page.getByRole('radio');
      // The first two questions about equipment, then "Je le fais avec de l’aide" (2 points) everywhere.
      await answers.nth(2).check();
      if (step === 3) await expectAccessible(page);
      await page.getByRole('button', { name: step < 12 ? 'Question suivante' : 'Voir mon résultat' }).click();
    }
    await page.getByRole('heading', { name: 'Équipement : Intermédiaire' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Démarches en ligne : Intermédiaire' }).count()).toBe(1);
    expect(await page.getByText('Pour garder votre résultat, connectez-vous').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Tous les ateliers de ce niveau dans l’agenda' }).getAttribute('href')).toBe(
      '/agenda?niveau=INTERMEDIAIRE',
    );
    await expectWorksAt360(page);
  }, 180_000);

  it('works without JavaScript: a form per step, and "Question précédente" goes back', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/orienter/autodiagnostic`);
    await page.getByRole('radio').nth(0).check();
    await page.getByRole('button', { name: 'Question suivante' }).click();
    await page.getByText('Question 2 sur 12').waitFor();
    await page.getByRole('button', { name: 'Question précédente' }).click();
    await page.getByText('Question 1 sur 12').waitFor();
    for (let step = 1; step <= 12; step += 1) {
      await page.getByRole('radio').nth(0).check();
      await page.getByRole('button', { name: step < 12 ? 'Question suivante' : 'Voir mon résultat' }).click();
    }
    await page.getByRole('heading', { name: 'Se protéger : Éloigné' }).waitFor();
    await context.close();
  }, 180_000);
});
