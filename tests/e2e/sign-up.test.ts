import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEmailsTo, createMember, linkTokenSentTo } from '../helpers/accounts.js';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PASSWORD = 'une phrase de passe solide';
const BANNER = 'Confirmez votre adresse e-mail pour publier.';

async function signUpInBrowser(page: Page, displayName: string, email: string): Promise<void> {
  await visit(page, server.url, '/inscription');
  await page.getByLabel('Nom affiché').fill(displayName);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte mail' }).waitFor();
}

/** The link of the latest confirmation e-mail, as the person would click it. */
async function confirmationLink(email: string): Promise<string> {
  return `/inscription/confirmer/${await linkTokenSentTo(server.orm.em.fork(), email, '/inscription/confirmer/')}`;
}

describe('signing up in the browser', () => {
  it('checks the mailbox, is held back by the banner until the e-mailed link confirms, then publishes a question', async () => {
    const { context, page } = await newPage(browser);
    const email = `nina.${Date.now()}@exemple.fr`;

    await signUpInBrowser(page, 'Nina Nouvelle', email);
    expect(await page.getByRole('status').first().textContent()).toContain(email);
    // Nobody is signed in before confirming.
    expect(await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    await expectAccessible(page);
    await expectWorksAt360(page);

    // Signed in with the password but not confirmed: the banner on every page, publishing refused with the reason.
    await page.goto(server.url + '/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL('**/profil');
    await page.getByText(BANNER).waitFor();
    await expectAccessible(page);
    await visit(page, server.url, '/entraide/questions/nouvelle');
    expect(await page.getByText(BANNER).count()).toBe(1);
    await page.getByLabel('Votre question en une phrase').fill('Comment aider à créer une première adresse e-mail ?');
    await page.getByLabel('La situation').fill('Une personne âgée veut écrire à ses petits-enfants.');
    await page.getByLabel('Mots-clés').fill('messagerie');
    await page.getByRole('button', { name: 'Publier ma question' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Confirmez d’abord votre adresse e-mail');

    // "Renvoyer le lien" from the banner (a plain form: works without JavaScript); the first link stops working.
    const firstLink = await confirmationLink(email);
    await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
    await page.waitForURL('**/inscription/renvoyer');
    expect(await page.getByRole('status').first().textContent()).toContain(`Un nouveau lien de confirmation vous a été envoyé à ${email}`);
    await expectAccessible(page);
    const latestLink = await confirmationLink(email);
    expect(latestLink).not.toBe(firstLink);

    await page.goto(server.url + firstLink);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ce lien ne fonctionne pas' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/il a déjà servi, il a expiré ou un lien plus récent l’a remplacé/);
    await expectAccessible(page);

    // The latest link confirms: the banner is gone and the question is published.
    await visit(page, server.url, latestLink);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Confirmer mon adresse e-mail');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Votre adresse est confirmée' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Merci, Nina Nouvelle');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Poser une question' }).click();
    await page.waitForURL('**/entraide/questions/nouvelle');
    expect(await page.getByText(BANNER).count()).toBe(0);
    await page.getByLabel('Votre question en une phrase').fill('Comment aider à créer une première adresse e-mail ?');
    await page.getByLabel('La situation').fill('Une personne âgée veut écrire à ses petits-enfants.');
    await page.getByLabel('Mots-clés').fill('messagerie');
    await page.getByRole('button', { name: 'Publier ma question' }).click();
    await page.waitForURL(/\/entraide\/questions\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Comment aider à créer une première adresse e-mail ?');
    await context.close();
  });

  it('signs in the browser that opens the link, even one that never signed in', async () => {
    const first = await newPage(browser);
    const email = `karim.${Date.now()}@exemple.fr`;
    await signUpInBrowser(first.page, 'Karim Benali', email);
    await first.context.close();

    // The link opened on another device (the phone's mail app).
    const phone = await newPage(browser, { width: 360 });
    await visit(phone.page, server.url, await confirmationLink(email));
    await phone.page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await phone.page.getByRole('heading', { level: 1, name: 'Votre adresse est confirmée' }).waitFor();
    await phone.page.goto(server.url + '/profil');
    expect(await phone.page.getByRole('heading', { level: 1 }).textContent()).toBe('Mon profil');
    expect(await phone.page.getByText(BANNER).count()).toBe(0);
    await expectAccessible(phone.page);
    await phone.context.close();
  });

  it('changes the address from the profile: the password, a link to the new address, a notice to the old one', async () => {
    const oldEmail = `sophie.${Date.now()}@exemple.fr`;
    const newEmail = `sophie.garnier.${Date.now()}@exemple.fr`;
    const { token } = await createMember(server.orm.em.fork(), { email: oldEmail, password: PASSWORD, displayName: 'Sophie Garnier' });
    const { context, page } = await newPage(browser);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);

    await visit(page, server.url, '/profil');
    await page.getByRole('link', { name: 'Changer d’adresse e-mail' }).click();
    await page.waitForURL('**/profil/adresse');
    expect(await page.locator('.lead').textContent()).toContain(oldEmail);
    await page.getByLabel('Nouvelle adresse e-mail').fill(newEmail);
    await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Recevoir un lien de confirmation' }).click();
    await expect.poll(() => page.locator('#field-password-error').textContent()).toContain('Mot de passe incorrect.');
    expect(await page.getByLabel('Nouvelle adresse e-mail').inputValue()).toBe(newEmail);
    await expectAccessible(page);
    await page.getByLabel('Mot de passe actuel').fill(PASSWORD);
    await page.getByRole('button', { name: 'Recevoir un lien de confirmation' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Nous avons envoyé un lien à la nouvelle adresse');
    const notice = (await accountEmailsTo(server.orm.em.fork(), oldEmail)).at(-1)!;
    expect(notice.message).toContain('Une demande de changement d’adresse vers s***@exemple.fr a été faite');

    await visit(
      page,
      server.url,
      `/profil/adresse/confirmer/${await linkTokenSentTo(server.orm.em.fork(), newEmail, '/profil/adresse/confirmer/')}`,
    );
    await page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`c’est désormais ${newEmail}`);
    await expectAccessible(page);
    await context.close();
  });
});
