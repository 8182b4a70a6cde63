import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/src/modules/commun/moderation/audit.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const stamp = Date.now().toString(36);
const emails = {
  moderator: `helene.${stamp}@exemple.fr`,
  admin: `alain.${stamp}@exemple.fr`,
  author: `paul.${stamp}@exemple.fr`,
  reporter: `rita.${stamp}@exemple.fr`,
};
let authorId: string;
let adminId: string;

async function person(
  email: string,
  displayName: string,
  changes: { role?: string; bio?: string; departement?: string } = {},
): Promise<string> {
  const em = server.orm.em.fork();
  const { user } = await createMember(em, { email, password: PASSWORD, displayName }, { ip: '127.0.0.1' });
  await em
    .getConnection()
    .execute(`update app_user set role = ?, bio = ?, departement = ?, commune = 'Savenay' where id = ?`, [
      changes.role ?? 'member',
      changes.bio ?? null,
      changes.departement ?? null,
      user.id,
    ]);
  return user.id;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion?retour=%2F`);
  // Typing before the page is hydrated can be wiped out by hydration: wait until it is idle.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  // A shared 2-core machine can be slow to answer: wait for the home page longer than the default.
  await page.waitForURL(server.url + '/', { waitUntil: 'domcontentloaded', timeout: 60_000 });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  await person(emails.moderator, 'Hélène Moreau', { role: 'moderator' });
  adminId = await person(emails.admin, 'Alain Équipe', { role: 'admin' });
  authorId = await person(emails.author, 'Paul Vendeur', { bio: 'Crédit rapide **sans justificatif**, appelez vite !', departement: '44' });
  await person(emails.reporter, 'Rita Vigilante', { departement: '44' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the network’s commons in the browser', () => {
  it('a member reports a presentation, a moderator hides it, it vanishes for others and the author is told why', async () => {
    // The reporter finds the profile and reports it.
    const rita = await newPage(browser);
    await signIn(rita.page, emails.reporter);
    await visit(rita.page, server.url, `/membres/${authorId}`);
    expect(await rita.page.locator('.prose').textContent()).toContain('Crédit rapide');
    await rita.page.getByRole('link', { name: /Signaler/ }).click();
    await rita.page.waitForURL('**/signaler?**');
    await expectAccessible(rita.page);
    await rita.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => rita.page.locator('#reason-error').textContent()).toContain('Pourquoi');
    await rita.page.getByLabel('Information fausse ou arnaque').check();
    await rita.page.getByLabel('Précisions').fill('Une arnaque au crédit');
    await rita.page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => rita.page.getByRole('status').first().textContent()).toContain('Merci, votre signalement a été transmis');
    await expectAccessible(rita.page);

    // The moderator sees it on the home page and in the queue, and hides it with a reason.
    const helene = await newPage(browser);
    await signIn(helene.page, emails.moderator);
    expect(await helene.page.getByRole('link', { name: '1 contenu signalé attend votre décision' }).count()).toBe(1);
    await helene.page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Modération' }).click();
    await helene.page.waitForURL('**/moderation');
    await expectAccessible(helene.page);
    expect(await helene.page.locator('.cases').textContent()).toContain('Une arnaque au crédit');
    await helene.page.getByRole('button', { name: 'Masquer le contenu' }).click();
    await expect.poll(() => helene.page.getByRole('alert').textContent()).toContain('Expliquez');
    await helene.page.getByLabel('Motif expliqué à l’auteur').fill('Publicité pour un crédit douteux');
    await helene.page.getByRole('button', { name: 'Masquer le contenu' }).click();
    await expect.poll(() => helene.page.getByRole('status').first().textContent()).toContain('Le contenu est masqué');
    await expectAccessible(helene.page);
    await helene.page.getByRole('link', { name: 'Déjà traités' }).click();
    await helene.page.waitForURL('**/moderation?statut=traites');
    expect(await helene.page.locator('.cases').textContent()).toContain('Contenu masqué');
    await expectAccessible(helene.page);
    await expectWorksAt360(helene.page);

    // Others no longer see it.
    await rita.page.goto(`${server.url}/membres/${authorId}`);
    expect(await rita.page.locator('.prose').count()).toBe(0);
    expect(await rita.page.locator('.notice-info').textContent()).toContain('masquée par la modération');
    const visitor = await newPage(browser);
    await visit(visitor.page, server.url, `/membres/${authorId}`);
    expect(await visitor.page.textContent('main')).not.toContain('Crédit rapide');

    // The author is told why, and still sees it on their profile with the notice.
    const paul = await newPage(browser);
    await signIn(paul.page, emails.author);
    await paul.page
      .getByRole('navigation', { name: 'Mon compte' })
      .getByRole('link', { name: /Notifications/ })
      .click();
    await paul.page.waitForURL('**/notifications');
    expect(await paul.page.locator('main').textContent()).toContain(french('Motif : Publicité pour un crédit douteux'));
    // Opening it takes him where it points, and it is read: no longer "Non lue" when he comes back.
    const told = paul.page.locator('main li.card', { hasText: 'Publicité pour un crédit douteux' });
    expect(await told.getByText('Non lue').count()).toBe(1);
    await told.getByRole('link', { name: 'Voir' }).click();
    await paul.page.waitForURL((url) => url.pathname !== '/notifications');
    await paul.page.goto(`${server.url}/notifications`);
    expect(await told.getByText('Non lue').count()).toBe(0);
    await paul.page.goto(`${server.url}/profil`);
    expect(await paul.page.locator('.notice-info').textContent()).toContain('Publicité pour un crédit douteux');
    await expectAccessible(paul.page);
    for (const context of [rita.context, helene.context, visitor.context, paul.context]) await context.close();
  }, 180_000);

  it('shows the home page with signed kinds, figures and a département filter', async () => {
    const { context, page } = await newPage(browser);
    await visit(page, server.url, '/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bienvenue sur Maillage');
    expect(await page.getByRole('heading', { name: 'Nouveaux membres' }).count()).toBe(1);
    expect(await page.locator('.card .kind').first().textContent()).toContain('Membre');
    expect(await page.locator('.figures').textContent()).toMatch(/4\s*membres/);
    // Shared links and search engines: Open Graph, schema.org JSON-LD, an Atom feed per section.
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toContain('Maillage');
    expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: 'Maillage',
    });
    const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"][href="/flux/reseau.membre.atom"]').count();
    expect(feed).toBe(1);
    const atom = await (await fetch(`${server.url}/flux/reseau.membre.atom`)).text();
    expect(atom).toContain('<title>Rita Vigilante</title>');
    await page.getByLabel('Près de chez vous').fill('99');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => page.locator('#field-departement-error').textContent()).toContain('inconnu');
    await expectAccessible(page);
    await page.getByLabel('Près de chez vous').fill('44');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL('**/?departement=44');
    expect(await page.getByRole('status').textContent()).toContain('département 44');
    expect(await page.locator('main').textContent()).toContain('Rita Vigilante');
    expect(await page.locator('main').textContent()).not.toContain('Alain Équipe');
    await expectWorksAt360(page);
    await context.close();
  }, 120_000);

  it('lets a member choose how they hear about things', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, emails.reporter);
    await visit(page, server.url, '/notifications');
    await page.getByRole('link', { name: 'Choisir comment je suis prévenu·e' }).click();
    await page.waitForURL('**/notifications/preferences');
    await expectAccessible(page);
    const group = page.getByRole('group', { name: 'Le suivi d’un signalement que j’ai fait' });
    await group.getByLabel('Sur le site et dans le résumé de la semaine').check();
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Vos choix sont enregistrés.');
    await page.reload();
    expect(await group.getByLabel('Sur le site et dans le résumé de la semaine').isChecked()).toBe(true);
    expect(
      await page
        .getByRole('group', { name: /masqué par la modération/ })
        .getByLabel('Ne pas me prévenir')
        .count(),
    ).toBe(0);
    await context.close();
  }, 120_000);

  it('a member downloads their data, then deletes their account after a clear confirmation', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, emails.author);
    await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Paul Vendeur' }).click();
    await page.waitForURL('**/profil');
    await page.getByRole('link', { name: /Mes données/ }).click();
    await page.waitForURL('**/mes-donnees');
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^maillage-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await fs.readFile((await download.path())!, 'utf8'));
    expect(data.sections.compte.profile).toMatchObject({ email: emails.author, displayName: 'Paul Vendeur' });
    expect(data.sections.notifications.notifications[0].message).toContain('Publicité pour un crédit douteux');

    await page.getByRole('link', { name: 'Je veux supprimer mon compte…' }).click();
    await page.waitForURL('**/mes-donnees/supprimer');
    await expectAccessible(page);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect.poll(() => page.locator('#understand-error').textContent()).toContain('Cochez la case');
    await page.getByLabel('Je comprends que la suppression est définitive.').check();
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect.poll(() => page.locator('#field-password-error').textContent()).toContain('Mot de passe incorrect');
    await expectAccessible(page);
    await page.getByLabel('Je comprends que la suppression est définitive.').check();
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre compte est supprimé');
    expect(await page.locator('.kept').textContent()).toContain(french('« Compte supprimé »'));
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    await expectAccessible(page);
    await expectWorksAt360(page);
    await context.close();

    // What they published stays, signed "Compte supprimé": the moderators' record shows it so.
    const helene = await newPage(browser);
    await signIn(helene.page, emails.moderator);
    await visit(helene.page, server.url, '/moderation?statut=traites');
    expect(await helene.page.locator('.cases').textContent()).toContain('Compte supprimé');
    // And the admin's log has the deletion and the moderation decision.
    const alain = await newPage(browser);
    await signIn(alain.page, emails.admin);
    await visit(alain.page, server.url, '/moderation/journal');
    const log = await alain.page.locator('table').textContent();
    expect(log).toContain('Un compte a été supprimé par son titulaire');
    // The content is said in words, not by its API key ("un contenu (profile)").
    expect(log?.replaceAll('’', "'")).toContain("Hélène Moreau a masqué la présentation d'un profil de Compte supprimé");
    await expectWorksAt360(alain.page);
    await helene.context.close();
    await alain.context.close();
  }, 180_000);

  it('the admin\'s log lists the answers about places apart ("Lieux"), without JavaScript, and says it holds them', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, emails.admin);
    // No answer about a place yet: the filter says so, not that the whole log is empty, and leads back to it all.
    await page.goto(`${server.url}/moderation/journal?action=lieux`);
    expect(await page.locator('main').textContent()).toContain('Aucune action de ce type dans le journal.');
    await page.getByRole('link', { name: 'Voir toutes les actions' }).click();
    await page.waitForURL('**/moderation/journal');
    expect(await page.getByLabel('Type d’action').inputValue()).toBe('');

    const claimant = await person(`lou.${stamp}@exemple.fr`, 'Lou Demandeuse');
    const em = server.orm.em.fork();
    await recordAudit(em, {
      actorId: adminId,
      action: 'reseau.place_claim_declined',
      targetUserId: claimant,
      contentType: 'reseau.place',
      contentId: randomUUID(),
      data: { place: 'Médiathèque de Prinquiau' },
    });
    await recordAudit(em, { actorId: adminId, action: 'moderation.warn', targetUserId: claimant, reason: 'Démarchage' });

    await page.goto(`${server.url}/moderation/journal`);
    expect(await page.locator('.lead').textContent()).toContain('et les réponses aux demandes sur les lieux');
    expect(await page.locator('table').textContent()).toContain('Alain Équipe a averti Lou Demandeuse');
    await page.getByLabel('Type d’action').selectOption({ label: 'Lieux' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL('**/moderation/journal?action=lieux');
    const lines = await page.locator('tbody tr').allTextContents();
    expect(lines.join('\n')).toContain(
      french('Alain Équipe a refusé la demande de Lou Demandeuse pour gérer « Médiathèque de Prinquiau »'),
    );
    expect(lines.join('\n')).not.toContain('a averti');
    expect(await page.getByLabel('Type d’action').inputValue()).toBe('lieux');
    await context.close();
  });
});
