import 'reflect-metadata';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResource } from '../../server/src/modules/ressources/ressources.service.js';
import { ResourceKind, ResourceLicence, ResourceVisibility } from '../../server/src/modules/ressources/ressources.types.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
const PASSWORD = 'une phrase de passe solide';
const stamp = Date.now().toString(36);
const people = {
  amina: { displayName: 'Amina Autrice', email: `amina.${stamp}@exemple.fr` },
  bruno: { displayName: 'Bruno Bibliothécaire', email: `bruno.${stamp}@exemple.fr` },
};
/** A word found only inside the PDF (not in the title, summary or content of the resource). */
const WORD = 'Quintessenciographe';
const MEMBERS_ONLY = 'Grille d’évaluation interne réservée aux membres';

/** A one-page PDF whose text holds the distinctive word. */
function pdfWith(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Fiche atelier' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const meta = { ip: '127.0.0.1' };
  const amina = (await createMember(server.orm.em.fork(), { ...people.amina, password: PASSWORD }, meta)).user;
  await createMember(server.orm.em.fork(), { ...people.bruno, password: PASSWORD }, meta);
  // A members-only resource, which a visitor must never see.
  await createResource(server.orm.em.fork(), amina, {
    title: MEMBERS_ONLY,
    summary: 'Pour évaluer les ateliers entre nous.',
    contentMarkdown: 'Les critères de la grille.',
    kind: ResourceKind.OUTIL,
    licence: ResourceLicence.TOUS_DROITS_RESERVES,
    visibility: ResourceVisibility.MEMBRES,
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
  await opened.page.goto(`${server.url}/connexion?retour=%2Fressources`);
  await opened.page.waitForLoadState('networkidle');
  await opened.page.getByLabel('Adresse e-mail').fill(email);
  await opened.page.getByLabel('Mot de passe').fill(PASSWORD);
  await opened.page.getByRole('button', { name: 'Me connecter' }).click();
  await opened.page.waitForURL(`${server.url}/ressources`);
  return opened;
}

async function search(page: Page, words: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Rechercher une ressource' }).fill(words);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.waitForURL('**/ressources?q=*');
  await page.waitForLoadState('networkidle');
}

describe('Ressources in the browser', () => {
  it('A publishes a resource with a PDF; B finds it by a word inside the PDF, saves it to a new collection and gives feedback', async () => {
    const pdf = await pdfWith(`Déroulé de l’atelier. Le mot à retenir est ${WORD}, on le cherche dans le fichier.`);

    // A publishes, the PDF dropped in the editor (sent at once, with its progress).
    const a = await person(people.amina.email);
    await visit(a.page, server.url, '/ressources');
    expect(await a.page.getByRole('heading', { level: 1 }).textContent()).toBe('Ressources');
    await a.page.getByRole('link', { name: 'Publier une ressource' }).first().click();
    await a.page.waitForURL('**/ressources/nouvelle');
    await a.page.waitForLoadState('networkidle');
    // The editor, its file field included, fits a phone's width.
    await expectWorksAt360(a.page);

    // A mistake is said next to its field, and nothing typed is lost.
    await a.page.getByLabel('Résumé').fill('Un atelier pour découvrir la messagerie.');
    await a.page.getByRole('button', { name: 'Publier la ressource' }).click();
    await expect.poll(() => a.page.locator('#field-title-error').count()).toBe(1);
    expect(await a.page.getByLabel('Résumé').inputValue()).toBe('Un atelier pour découvrir la messagerie.');
    await expectAccessible(a.page);

    await a.page.getByLabel('Titre').fill('Atelier messagerie pour débuter');
    await a.page.getByLabel('Type de ressource').selectOption({ label: 'Support d’atelier' });
    await a.page.getByLabel('Contenu').fill('Trois séances de **deux heures** pour écrire son premier courriel.');
    await a.page.locator('#nouveaux-fichiers').setInputFiles({ name: 'atelier-messagerie.pdf', mimeType: 'application/pdf', buffer: pdf });
    const attached = a.page.getByRole('checkbox', { name: /atelier-messagerie\.pdf/ });
    await expect.poll(() => attached.count(), { timeout: 30_000 }).toBe(1);
    expect(await attached.isChecked()).toBe(true);
    expect(await a.page.getByText(/atelier-messagerie\.pdf \(PDF, \d/).count()).toBeGreaterThan(0);
    await a.page.getByLabel(/CC BY 4\.0/).check();
    await a.page.getByLabel('Seniors').check();
    await a.page.getByLabel('Niveau 1 : premiers pas').check();
    await expectAccessible(a.page);
    await a.page.getByRole('button', { name: 'Publier la ressource' }).click();
    await a.page.waitForURL(/\/ressources\/[a-z0-9-]+\?publiee$/);
    const resourcePath = new URL(a.page.url()).pathname;
    expect(await a.page.getByRole('heading', { level: 1 }).textContent()).toBe('Atelier messagerie pour débuter');
    expect(await a.page.getByRole('status').first().textContent()).toContain('Votre ressource est publiée');
    expect(await a.page.locator('.prose strong').first().textContent()).toBe('deux heures');
    const download = a.page.getByRole('link', { name: /atelier-messagerie\.pdf/ });
    expect(await download.count()).toBe(1);
    expect(await a.page.getByText(/^PDF, \d+(,\d)?\s(ko|Mo)$/).count()).toBe(1);
    // The file is really there, as a PDF.
    const file = await fetch(new URL((await download.getAttribute('href')) ?? '', server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(await a.page.getByRole('link', { name: 'Creative Commons Attribution (CC BY 4.0)' }).getAttribute('href')).toContain(
      'creativecommons.org/licenses/by/4.0',
    );
    expect(await a.page.getByText('Aucun retour').count()).toBe(1);
    // Its link card and schema.org description.
    const jsonLd = JSON.parse((await a.page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
      '@graph': Array<{ '@type': string; name?: string; encoding?: Array<{ encodingFormat: string }> }>;
    };
    const learning = jsonLd['@graph'].find((node) => node['@type'] === 'LearningResource');
    expect(learning?.name).toBe('Atelier messagerie pour débuter');
    expect(learning?.encoding?.[0].encodingFormat).toBe('application/pdf');
    expect(await a.page.locator('meta[property="og:title"]').getAttribute('content')).toContain('Atelier messagerie pour débuter');
    await expectAccessible(a.page);

    // B looks for the word that is only inside the PDF, and finds it.
    const b = await person(people.bruno.email);
    await visit(b.page, server.url, '/ressources');
    await search(b.page, WORD.toLowerCase());
    expect(await b.page.getByText('— 1 ressource', { exact: true }).count()).toBe(1);
    await expectAccessible(b.page);
    await b.page.getByRole('link', { name: 'Atelier messagerie pour débuter' }).click();
    await b.page.waitForURL(`**${resourcePath}`);
    await b.page.waitForLoadState('networkidle');
    await expectAccessible(b.page);

    // B saves it to a new collection.
    await b.page.getByLabel('Nouvelle collection').fill('Ateliers du mardi');
    await b.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => b.page.getByText('La ressource est enregistrée dans « Ateliers du mardi »').count()).toBe(1);
    await expect.poll(() => b.page.getByText('Elle est dans une de vos collections.').count()).toBe(1);
    await expectAccessible(b.page);

    // B says they used it.
    await b.page.getByLabel('4', { exact: true }).check();
    await b.page.getByLabel('Mon commentaire (facultatif)').fill('Très clair avec un groupe de retraités.');
    await b.page.getByRole('button', { name: 'Envoyer mon retour' }).click();
    await expect.poll(() => b.page.getByText('Merci, votre retour est enregistré.').count()).toBe(1);
    await expect.poll(() => b.page.getByText('1 personne l’a utilisée', { exact: false }).count()).toBe(1);
    expect(await b.page.getByText('Note moyenne : 4,0 sur 5').count()).toBeGreaterThan(0);
    expect(await b.page.getByText('Très clair avec un groupe de retraités.').count()).toBe(1);
    await expectAccessible(b.page);

    // Their collections, and the collection's page.
    await visit(b.page, server.url, '/ressources/mes-collections');
    await b.page.getByRole('link', { name: 'Ateliers du mardi' }).click();
    await b.page.waitForURL('**/ressources/collections/**');
    await b.page.waitForLoadState('networkidle');
    expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe('Ateliers du mardi');
    expect(await b.page.getByRole('link', { name: 'Atelier messagerie pour débuter' }).count()).toBe(1);
    const shared = await b.page.getByLabel('Lien de partage').inputValue();
    expect(shared).toContain('?cle=');
    await expectAccessible(b.page);

    // A visitor with the shared link sees the private collection; without its key, not.
    const visitor = await newPage(browser);
    visitor.context.setDefaultTimeout(90_000);
    await visit(visitor.page, server.url, new URL(shared).pathname + new URL(shared).search);
    expect(await visitor.page.getByRole('heading', { level: 1 }).textContent()).toBe('Ateliers du mardi');
    const withoutKey = await visitor.page.goto(`${server.url}${new URL(shared).pathname}`);
    expect(withoutKey?.status()).toBe(404);

    // The counts in the list, on a phone.
    await b.page.setViewportSize({ width: 360, height: 740 });
    await visit(b.page, server.url, '/ressources');
    const card = b.page.getByRole('article').filter({ hasText: 'Atelier messagerie pour débuter' });
    expect(await card.getByText('1 retour', { exact: true }).count()).toBe(1);
    expect(await card.getByText('4,0 sur 5').count()).toBe(1);
    await expectWorksAt360(b.page);

    await Promise.all([a.context.close(), b.context.close(), visitor.context.close()]);
  });

  it('a members-only resource is listed for a member, never for a visitor', async () => {
    const visitor = await newPage(browser);
    visitor.context.setDefaultTimeout(90_000);
    await visit(visitor.page, server.url, '/ressources');
    expect(await visitor.page.getByText(MEMBERS_ONLY).count()).toBe(0);
    await search(visitor.page, 'grille evaluation');
    expect(await visitor.page.getByText(MEMBERS_ONLY).count()).toBe(0);
    expect(await visitor.page.getByText('Aucune ressource ne correspond.').count()).toBe(1);

    const b = await person(people.bruno.email);
    await visit(b.page, server.url, '/ressources');
    await search(b.page, 'grille evaluation');
    await b.page.getByRole('link', { name: MEMBERS_ONLY }).click();
    await b.page.waitForURL('**/ressources/*');
    await b.page.waitForLoadState('networkidle');
    expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe(MEMBERS_ONLY);
    expect(await b.page.getByText('Réservée aux membres').count()).toBeGreaterThan(0);
    const slugPath = new URL(b.page.url()).pathname;

    const direct = await visitor.page.goto(`${server.url}${slugPath}`);
    expect(direct?.status()).toBe(404);
    expect(await visitor.page.getByText(MEMBERS_ONLY).count()).toBe(0);
    await Promise.all([visitor.context.close(), b.context.close()]);
  });

  it('an organization’s admin opens its base of resources from the list, by a plain form; a member without one is told why', async () => {
    const meta = { ip: '127.0.0.1' };
    const admin = { displayName: 'Chloé Coordinatrice', email: `chloe.${stamp}@exemple.fr` };
    const chloe = (await createMember(server.orm.em.fork(), { ...admin, password: PASSWORD }, meta)).user;
    await createOrganization(server.orm.em.fork(), chloe, { name: `Espace numérique de Bouvron ${stamp}` });

    const { page } = await person(admin.email);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('link', { name: 'Ouvrir la base de mon organisation' }).click();
    await page.waitForURL('**/ressources/bases/nouvelle');
    await expectAccessible(page);
    await expectWorksAt360(page);
    await page.getByLabel('Nom de la base (facultatif)').fill('Ateliers de Bouvron');
    await page.getByLabel('Description (facultative)').fill('Nos fiches d’atelier, à reprendre librement.');
    await page.getByRole('button', { name: 'Ouvrir la base' }).click();
    await page.waitForURL('**/ressources/bases/espace-numerique-de-bouvron*');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ateliers de Bouvron');
    await expectAccessible(page);

    // Bruno administers nothing: the page says whom to ask, without a form.
    const { page: other } = await person(people.bruno.email);
    await visit(other, server.url, '/ressources/bases/nouvelle');
    expect(await other.getByText('Vous n’administrez aucune organisation').count()).toBe(1);
    expect(await other.getByRole('button', { name: 'Ouvrir la base' }).count()).toBe(0);
  });
});
