import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { times } from '../helpers/french.js';

const PASSWORD = 'une phrase de passe solide';
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const meta = { ip: '127.0.0.1' };
  const { user: admin } = await createMember(
    em,
    { email: 'admin@revendication.exemple.fr', password: PASSWORD, displayName: 'Morgane Le Bihan' },
    meta,
  );
  for (const [email, displayName] of [
    ['nadia@revendication.exemple.fr', 'Nadia Haddad'],
    ['yann@revendication.exemple.fr', 'Yann Guérin'],
  ]) {
    await createMember(em.fork(), { email, password: PASSWORD, displayName }, meta);
  }
  await createOrganization(em.fork(), admin, {
    name: 'Espace numérique de Blain',
    commune: 'Blain',
    codePostal: '44130',
    adresse: '1 rue du Château',
    telephone: '02 40 79 00 00',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(email: string): Promise<Page> {
  const { page } = await newPage(browser);
  await visit(page, server.url, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

describe('revendiquer ce lieu and signaler une erreur, in the browser', () => {
  it('a member claims the place, its admin accepts, the member then sees the edit link', async () => {
    const nadia = await signIn('nadia@revendication.exemple.fr');
    await visit(nadia, server.url, '/reseau/lieux/espace-numerique-de-blain');
    expect(await nadia.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(0);
    await nadia.getByRole('link', { name: 'Revendiquer ce lieu' }).click();
    await nadia.waitForURL('**/revendiquer');
    await expectAccessible(nadia);
    await nadia.getByLabel('Qui êtes-vous pour ce lieu ? (facultatif)').fill('Je coordonne les ateliers du mardi.');
    await nadia.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await nadia.getByText('Demande envoyée').waitFor();
    expect(await nadia.getByText('Votre demande pour gérer ce lieu attend une réponse.').count()).toBe(1);
    await expectAccessible(nadia);

    const admin = await signIn('admin@revendication.exemple.fr');
    await visit(admin, server.url, '/reseau/lieux/espace-numerique-de-blain');
    await admin.getByRole('link', { name: '1 demande à traiter sur ce lieu' }).click();
    await admin.waitForURL('**/reseau/demandes?lieu=espace-numerique-de-blain');
    expect(await admin.getByText('Nadia Haddad demande à gérer « Espace numérique de Blain »').count()).toBe(1);
    expect(await admin.getByText('Je coordonne les ateliers du mardi.').count()).toBe(1);
    await expectWorksAt360(admin);
    await admin.getByRole('button', { name: 'Accepter la demande de Nadia Haddad' }).click();
    await admin.getByText('Demande acceptée.').waitFor();
    expect(await admin.getByRole('heading', { name: 'Aucune demande de gestion' }).count()).toBe(1);

    await visit(nadia, server.url, '/reseau/lieux/espace-numerique-de-blain');
    expect(await nadia.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(1);
    expect(await nadia.getByRole('link', { name: 'Revendiquer ce lieu' }).count()).toBe(0);
  }, 180_000);

  it('a member suggests a new phone number and opening hours, the admin accepts, the page shows them', async () => {
    const yann = await signIn('yann@revendication.exemple.fr');
    await visit(yann, server.url, '/reseau/lieux/espace-numerique-de-blain');
    await yann.getByRole('link', { name: 'Signaler une erreur' }).click();
    await yann.waitForURL('**/signaler-une-erreur');
    await expectWorksAt360(yann);
    // The current values are there, field by field, the phone as people write it.
    expect(await yann.getByLabel('Adresse', { exact: true }).inputValue()).toBe('1 rue du Château');
    expect(await yann.getByLabel('Téléphone').inputValue()).toBe('02 40 79 00 00');
    await yann.getByLabel('Téléphone').fill('12');
    await yann.getByRole('button', { name: 'Envoyer la correction' }).click();
    // The field's own message, next to it (and at the top of the form).
    await yann.locator('#field-telephone-error').getByText('Le numéro « 12 » n’est pas valide').waitFor();
    expect(await yann.getByLabel('Téléphone').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(yann);
    await yann.getByLabel('Téléphone').fill('02 40 79 11 22');
    // The hours, day by day, without OpenStreetMap's syntax: Tuesday's afternoon is left without its end.
    const tuesday = yann.getByRole('group', { name: 'Mardi' });
    await tuesday.getByLabel('Ouvre à', { exact: true }).fill('09:00');
    await tuesday.getByLabel('Ferme à').first().fill('12:00');
    await tuesday.getByLabel('Rouvre à').fill('14:00');
    await yann.getByRole('button', { name: 'Envoyer la correction' }).click();
    await tuesday.getByText('Indiquez l’heure d’ouverture et l’heure de fermeture.').waitFor();
    // Nothing typed is lost.
    expect(await tuesday.getByLabel('Rouvre à').inputValue()).toBe('14:00');
    expect(await yann.getByLabel('Téléphone').inputValue()).toBe('02 40 79 11 22');
    await expectAccessible(yann);
    await tuesday.getByLabel('Ferme à').last().fill('17:30');
    const wednesday = yann.getByRole('group', { name: 'Mercredi' });
    await wednesday.getByLabel('Ouvre à', { exact: true }).fill('09:00');
    await wednesday.getByLabel('Ferme à').first().fill('12:00');
    await wednesday.getByLabel('Rouvre à').fill('14:00');
    await wednesday.getByLabel('Ferme à').last().fill('17:30');
    await yann.getByLabel('Comment le savez-vous ? (facultatif)').fill('Affiché sur la porte depuis septembre.');
    await yann.getByRole('button', { name: 'Envoyer la correction' }).click();
    await yann.getByText('Merci ! Votre correction est envoyée').waitFor();

    const admin = await signIn('admin@revendication.exemple.fr');
    await visit(admin, server.url, '/reseau/demandes');
    expect(await admin.getByText('Yann Guérin propose une correction pour « Espace numérique de Blain »').count()).toBe(1);
    // Only the changed fields are shown, before and after; the hours as OpenStreetMap writes them.
    expect(await admin.getByRole('heading', { name: 'téléphone', level: 3 }).count()).toBe(1);
    expect(await admin.getByRole('heading', { name: 'adresse', level: 3 }).count()).toBe(0);
    expect(await admin.getByText('Tu-We 09:00-12:00,14:00-17:30').count()).toBe(1);
    await admin.getByRole('button', { name: 'Accepter la correction de Yann Guérin' }).click();
    await admin.getByText('Demande acceptée.').waitFor();

    await visit(yann, server.url, '/reseau/lieux/espace-numerique-de-blain');
    expect(await yann.getByRole('link', { name: /02 40 79 11 22|\+33240791122/ }).count()).toBe(1);
    expect(await yann.getByRole('row', { name: /mercredi/ }).textContent()).toContain(times('9 h – 12 h, 14 h – 17 h 30'));

    // Suggesting again: the week saved is filled in, day by day; an unchanged week is no change.
    await visit(yann, server.url, '/reseau/lieux/espace-numerique-de-blain/signaler-une-erreur');
    expect(await yann.getByRole('group', { name: 'Mercredi' }).getByLabel('Ferme à').last().inputValue()).toBe('17:30');
    expect(await yann.getByRole('group', { name: 'Lundi' }).getByLabel('Ouvre à', { exact: true }).inputValue()).toBe('');
  }, 180_000);
});
