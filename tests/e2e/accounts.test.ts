import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, linkTokenSentTo } from '../helpers/accounts.js';
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

describe('a newcomer in the browser', () => {
  it('registers, confirms the address, logs out, logs in, edits the profile, then tutors someone through an e-mailed activation link', async () => {
    const { context, page } = await newPage(browser);
    const email = `camille.${Date.now()}@exemple.fr`;

    await visit(page, server.url, '/');
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bienvenue sur Maillage');
    await expectWorksAt360(page);

    // Register — first with mistakes, shown next to the fields, nothing typed is lost.
    await page.getByRole('link', { name: 'S’inscrire' }).first().click();
    await page.waitForURL('**/inscription');
    await expectAccessible(page);
    await page.getByLabel('Nom affiché').fill('Camille Testeuse');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.locator('#field-email-error').textContent()).toContain('n’est pas valide');
    expect(await page.locator('#field-password-error').textContent()).toContain('au moins 10 caractères');
    expect(await page.getByLabel('Nom affiché').inputValue()).toBe('Camille Testeuse');
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte mail' }).waitFor();
    await expectAccessible(page);

    // The link of the confirmation e-mail confirms the address and signs in.
    await page.goto(`${server.url}/inscription/confirmer/${await linkTokenSentTo(server.orm.em.fork(), email, '/inscription/confirmer/')}`);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Votre adresse est confirmée' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Merci, Camille Testeuse');
    await expectAccessible(page);

    // Log out, then log in (a wrong password first).
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(server.url + '/');
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL('**/connexion**');
    await expectAccessible(page);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Adresse e-mail ou mot de passe incorrect.');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    // Back where the person was when they chose to sign in.
    await page.waitForURL(server.url + '/');
    await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Camille Testeuse' }).click();
    await page.waitForURL('**/profil');

    // Edit the profile.
    await page.getByLabel('Métier').selectOption('CONSEILLER_NUMERIQUE');
    await page.getByLabel('Commune').fill('Savenay');
    await page.getByLabel('Département (numéro)').fill('44');
    await page.getByLabel('Compétences').fill('Aidants Connect, Démarches en ligne, démarches CAF');
    await page.getByLabel('Présentation').fill('Je tiens une **permanence** le mardi.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Modifications enregistrées.');
    await page.reload();
    expect(await page.locator('.prose strong').textContent()).toBe('permanence');
    // Skills keep the words as typed, accents and capitals included.
    const skills = page.locator('.tags').first().getByRole('listitem');
    expect(await skills.allTextContents()).toEqual(['Aidants Connect', 'Démarches en ligne', 'démarches CAF']);
    expect(await page.getByLabel('Compétences').inputValue()).toBe('Aidants Connect, Démarches en ligne, démarches CAF');
    await expectAccessible(page);
    await expectWorksAt360(page);

    // Create an organization, then an account for a tutored person.
    await page.getByRole('link', { name: 'Créer une organisation' }).click();
    await page.waitForURL('**/organisations/nouvelle');
    await expectAccessible(page);
    await page.getByLabel('Nom de l’organisation').fill('Amicale laïque de Savenay');
    await page.getByRole('button', { name: 'Créer l’organisation' }).click();
    await page.waitForURL('**/organisations/amicale-laique-de-savenay');
    await expectAccessible(page);
    const josetteEmail = `josette.${Date.now()}@exemple.fr`;
    await page.getByLabel('Nom de la personne').fill('Josette Rivière');
    await page.getByLabel('Adresse e-mail').fill(josetteEmail);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    // The link goes to Josette's mailbox, not to the organisation's screen.
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Un lien d’activation a été envoyé à cette adresse/);
    expect(await page.content()).not.toContain('/activation/');
    await expectAccessible(page);
    await context.close();

    // Josette opens the link of her e-mail in her own browser and chooses her password.
    const activationUrl = `${server.url}/activation/${await linkTokenSentTo(server.orm.em.fork(), josetteEmail, '/activation/')}`;
    const josette = await newPage(browser);
    await josette.page.goto(activationUrl);
    expect(await josette.page.getByRole('heading', { level: 1 }).textContent()).toBe('Activer mon compte');
    expect(await josette.page.locator('.lead').textContent()).toContain('Bonjour Josette Rivière');
    await expectAccessible(josette.page);
    await josette.page.getByLabel('Choisissez votre mot de passe').fill(PASSWORD);
    await josette.page.getByRole('button', { name: 'Activer mon compte' }).click();
    await josette.page.waitForURL('**/profil?active=1');
    expect(await josette.page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Josette Rivière' }).count()).toBe(
      1,
    );

    // The link does not work twice.
    await josette.page.goto(activationUrl);
    expect(await josette.page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce lien ne fonctionne pas');
    await expectAccessible(josette.page);
    await josette.context.close();
  });

  it('switches to English and remembers it; unknown pages say so', async () => {
    const { context, page } = await newPage(browser);
    await visit(page, server.url, '/connexion');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL('**/connexion');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(server.url + '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Maillage');
    await expectAccessible(page);
    // The directory's filters name the national standard's fields in English (its values stay the standard's own).
    await page.goto(server.url + '/reseau');
    await page.getByText('More criteria').click();
    expect(await page.getByRole('group', { name: 'Costs' }).getByLabel('Gratuit', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Frais à charge' }).count()).toBe(0);

    const response = await page.goto(server.url + '/cette-page-nexiste-pas');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await expectAccessible(page);
    await context.close();
  });

  it("on a computer, puts a member's account beside the brand and the seven sections on one row below", async () => {
    const email = `entete.${Date.now()}@exemple.fr`;
    await createMember(server.orm.em.fork(), { email, password: PASSWORD, displayName: 'Dominique Entête' }, { ip: '10.18.0.1' });
    const { context, page } = await newPage(browser);
    await visit(page, server.url, '/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    const rowOf = async (locator: ReturnType<typeof page.locator>) => {
      const box = (await locator.boundingBox())!;
      return Math.round(box.y + box.height / 2);
    };
    // Side by side with the account, the sections wrapped onto two rows at every width from 960 to 1440 px.
    for (const width of [960, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const brand = await rowOf(page.locator('.brand'));
      const account = page.getByRole('navigation', { name: 'Mon compte' });
      for (const link of ['Notifications', 'Messages', 'Dominique Entête'])
        expect(await rowOf(account.getByRole('link', { name: link })), `${link} at ${width} px`).toBe(brand);
      expect(await rowOf(account.getByRole('button', { name: 'Se déconnecter' })), `Se déconnecter at ${width} px`).toBe(brand);
      const sections = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
      expect(await sections.count()).toBe(7);
      const rows = new Set(await Promise.all((await sections.all()).map(rowOf)));
      expect(rows.size, `the sections on one row at ${width} px`).toBe(1);
      expect([...rows][0]).toBeGreaterThan(brand);
    }
    await expectAccessible(page);
    await context.close();
  });

  it('opens the menu with the keyboard on a phone, starting from the skip link', async () => {
    const { context, page } = await newPage(browser, { width: 360 });
    await visit(page, server.url, '/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    const menu = page.getByRole('button', { name: 'Menu' });
    const sections = page.getByRole('navigation', { name: 'Sections' });
    expect(await sections.getByRole('link', { name: 'Agenda' }).isVisible()).toBe(false);
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await sections.getByRole('link', { name: 'Agenda' }).isVisible()).toBe(true);
    // Escape closes it and gives the focus back to its button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await sections.getByRole('link', { name: 'Agenda' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('menu-principal');
    await expectWorksAt360(page);
    await context.close();
  });
});
