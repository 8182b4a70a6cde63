import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/modules/comptes/password.js';
import { User } from '../../server/src/modules/comptes/user.entity.js';
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

const OLD_PASSWORD = 'une phrase de passe solide';
const NEW_PASSWORD = 'un jardin de tulipes au bord du canal';
const LATEST_PASSWORD = 'trois moulins sur la colline venteuse';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** A member whose address is confirmed, as the demo network's people are. */
async function member(displayName: string, email: string): Promise<void> {
  const em = server.orm.em.fork();
  em.create(User, { email, displayName, passwordHash: await hashPassword(OLD_PASSWORD), emailVerifiedAt: new Date() });
  await em.flush();
}

/** The link of the latest "mot de passe oublié" e-mail queued for `email`, as the person reads it in their mailbox. */
async function resetLink(email: string): Promise<string> {
  const rows = await server.orm.em.getConnection().execute(
    `select payload->'items'->0->>'link' as link from email_outbox
        where to_address = ? and payload->'items'->0->>'link' like '/mot-de-passe/nouveau/%' order by created_at desc limit 1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  return rows[0].link as string;
}

describe('a member who forgot their password', () => {
  it('asks for a link from the sign-in page, chooses a new password, signs out and back in, then manages sessions and changes it again', async () => {
    const email = `rose.${Date.now()}@exemple.fr`;
    await member('Rose Jardinière', email);
    const { context, page } = await newPage(browser);

    // "Mot de passe oublié ?" under the password field of the sign-in page.
    await visit(page, server.url, '/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL('**/mot-de-passe/oublie');
    await expectAccessible(page);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Si un compte existe avec cette adresse, nous venons de vous envoyer un lien. Il est valable une heure.');
    await expectAccessible(page);
    await expectWorksAt360(page);

    // The link of the e-mail: a weak password first, refused next to the field.
    await visit(page, server.url, await resetLink(email));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choisir un nouveau mot de passe');
    expect(await page.locator('.lead').textContent()).toContain('Bonjour Rose Jardinière');
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
    await expect.poll(() => page.locator('#field-password-error').textContent()).toContain('10 caractères');
    expect(await page.getByLabel('Nouveau mot de passe').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
    await page.waitForURL('**/profil/sessions?motdepasse=nouveau');
    expect(await page.getByRole('status').first().textContent()).toContain('Votre mot de passe est changé et vous êtes connecté');
    expect(await page.getByText('Cet appareil', { exact: true }).count()).toBe(1);
    await expectAccessible(page);

    // The link served once.
    await visit(page, server.url, await resetLink(email));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce lien ne fonctionne plus');
    expect(await page.getByRole('alert').textContent()).toContain('Demandez-en un nouveau');

    // Sign out, then in with the new password.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(server.url + '/');
    await visit(page, server.url, '/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL('**/profil');

    // A second device (a phone) signs in; "Mes sessions" shows both and signs the phone out.
    const phone = await browser.newContext({ locale: 'fr-FR', userAgent: CHROME_ANDROID, viewport: { width: 400, height: 800 } });
    const phonePage = await phone.newPage();
    await phonePage.goto(server.url + '/connexion');
    await phonePage.getByLabel('Adresse e-mail').fill(email);
    await phonePage.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await phonePage.getByRole('button', { name: 'Me connecter' }).click();
    await phonePage.waitForURL('**/profil');

    await page.getByRole('link', { name: 'Mes sessions (les appareils connectés)' }).click();
    await page.waitForURL('**/profil/sessions');
    await expect.poll(() => page.locator('.sessions > li').count()).toBe(2);
    expect(await page.getByRole('heading', { name: 'Chrome sur Android' }).count()).toBe(1);
    await expectAccessible(page);
    await expectWorksAt360(page);
    await page.getByRole('button', { name: /Déconnecter cet appareil/ }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('L’appareil est déconnecté.');
    expect(await page.locator('.sessions > li').count()).toBe(1);
    await phonePage.goto(server.url + '/profil');
    await phonePage.waitForURL('**/connexion**');

    // "Changer mon mot de passe" from the profile: a wrong current password first.
    await visit(page, server.url, '/profil');
    await page.getByRole('link', { name: 'Changer mon mot de passe' }).click();
    await page.waitForURL('**/profil/mot-de-passe');
    await expectAccessible(page);
    await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
    await page.getByLabel('Nouveau mot de passe').fill(LATEST_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect.poll(() => page.locator('#field-currentPassword-error').textContent()).toContain('pas votre mot de passe actuel');
    await expectAccessible(page);
    await page.getByLabel('Mot de passe actuel').fill(NEW_PASSWORD);
    await page.getByLabel('Nouveau mot de passe').fill(LATEST_PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Votre mot de passe est changé.');
    await expectAccessible(page);
    // Still signed in on this device.
    await visit(page, server.url, '/profil');
    expect(page.url()).toBe(server.url + '/profil');

    // The phone signs in with the latest password.
    await phonePage.getByLabel('Adresse e-mail').fill(email);
    await phonePage.getByLabel('Mot de passe').fill(LATEST_PASSWORD);
    await phonePage.getByRole('button', { name: 'Me connecter' }).click();
    await phonePage.waitForURL('**/profil');

    await phone.close();
    await context.close();
  });
});
