import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationKind } from '../../server/src/modules/reseau/organization.entity.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { createMember } from '../helpers/accounts.js';
import { expectAccessible, expectWorksAt360, launchBrowser, newPage, startProductServer, visit, type E2EServer } from '../helpers/e2e.js';
import { french } from '../helpers/french.js';

const PASSWORD = 'une phrase de passe solide';
const NETWORK = 'Réseau numérique Estuaire et Sillon';
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
  const em = server.orm.em.fork();
  const { user: camille } = await createMember(
    em,
    { email: 'camille@import.exemple.fr', password: PASSWORD, displayName: 'Camille Le Goff' },
    { ip: '127.0.0.1' },
  );
  // Its creator is the network's admin.
  await createOrganization(em.fork(), camille, { name: NETWORK, kind: OrganizationKind.RESEAU });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** `count` places of the standard, each file in its own area; the second has no name (rejected), the third's name looks like a formula. */
function placesCsv(count: number, tag: string): string {
  const lines = ['id,pivot,nom,commune,code_postal,adresse,latitude,longitude,date_maj,services'];
  for (let i = 0; i < count; i++) {
    const name = i === 1 ? '' : i === 2 ? '=1+1 Café' : `Café numérique ${tag} ${i}`;
    const latitude = ({ js: 47, nojs: 46 }[tag] ?? 45) + Math.floor(i / 100) * 0.01;
    const longitude = (-2 + (i % 100) * 0.013).toFixed(4);
    lines.push(
      `${tag}-${i},${tag === 'js' ? 2 : 3}${String(i).padStart(13, '0')},${name},Lavau-sur-Loire,44260,${i} rue de l'Estuaire,${latitude.toFixed(4)},${longitude},2024-05-01,Aide aux démarches administratives`,
    );
  }
  return lines.join('\n');
}

async function signIn(page: Page) {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('camille@import.exemple.fr');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

describe('importing a directory file from the web page', () => {
  it('shows the progress, then the row report; the network stays chosen; the report downloads as CSV', async () => {
    const { page } = await newPage(browser);
    await signIn(page);
    await visit(page, server.url, '/reseau/import');
    await expectWorksAt360(page);
    expect(await page.getByText('Jusqu’à 50 Mo.').count()).toBe(1);
    // A network's admin (not the platform's) is offered only their networks, theirs chosen from the start.
    expect(await page.getByLabel('Réseau des lieux importés').locator('option').allTextContents()).toEqual([NETWORK]);

    await page.getByLabel('Réseau des lieux importés').selectOption({ label: NETWORK });
    await page.getByLabel('Source du fichier').fill('Cartographie de test');
    await page.getByLabel('Fichier (CSV ou JSON)').setInputFiles({
      name: 'lieux.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(placesCsv(600, 'js')),
    });
    await page.getByRole('button', { name: 'Importer' }).click();

    // While it runs, the status line tells where it is (sending, then the rows read: counted in the API test).
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(/Envoi du fichier|import en cours|lignes lues sur/);
    await page.getByRole('heading', { name: 'Import de « lieux.csv » terminé.' }).waitFor({ timeout: 300_000 });
    expect(await page.locator('.notice-success').textContent()).toMatch(/600 lignes\s: 599 lieux créés, .*1 ligne rejetée\./);
    // Each row reads as a sentence about it: a row not imported ("non importée", not "rejeté") and why, in lower case
    // after the colon; an imported one by what became of its place.
    const reportLine = async (line: number) =>
      (await page
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^\\s*Ligne ${line}\\s:`) })
        .textContent())!
        .replace(/[ \t\n]+/g, ' ')
        .trim();
    expect(await reportLine(3)).toBe(`Ligne 3\u00a0: non importée\u00a0— ${french('nom : le champ « nom » est obligatoire.')}`);
    expect(await reportLine(2)).toBe('Ligne 2\u00a0: lieu créé\u00a0— Café numérique js 0');
    // The source is asked for as needed when the file has no "source" column.
    expect(await page.getByText(french('Source du fichier (obligatoire si le fichier n’a pas de colonne « source »)')).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Café numérique js 0' }).getAttribute('href')).toMatch(/^\/organisations\//);
    expect(await page.getByLabel('Réseau des lieux importés').inputValue()).not.toBe('');
    expect(await page.getByLabel('Réseau des lieux importés').locator('option:checked').textContent()).toBe(NETWORK);
    expect(await page.getByLabel('Source du fichier').inputValue()).toBe('Cartographie de test');
    await expectAccessible(page);
    await expectWorksAt360(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le rapport (CSV)' }).click(),
    ]);
    const rows: string[][] = parse(await fs.readFile((await download.path())!, 'utf8'), { delimiter: ';', bom: true });
    expect(rows[0].slice(0, 4)).toEqual(['Ligne', 'Nom', 'Identifiant dans le fichier', 'Résultat']);
    expect(rows).toHaveLength(601);
    expect(rows.find((row) => row[0] === '3')![3]).toBe('non importée');
    expect(rows.find((row) => row[0] === '4')![1]).toBe("'=1+1 Café");
  }, 240_000);

  it('works without JavaScript: the form is sent, the page shows the report and keeps the network', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/reseau/import`);
    await page.getByLabel('Réseau des lieux importés').selectOption({ label: NETWORK });
    await page.getByLabel('Source du fichier').fill('Sans script');
    await page.getByLabel('Fichier (CSV ou JSON)').setInputFiles({
      name: 'petit.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(placesCsv(4, 'nojs')),
    });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL(/\/reseau\/import\?import=/, { timeout: 60_000 });
    // The server waits up to 15 s; on a slow machine the page shows the progress and a link to look again.
    for (let tries = 0; !(await page.getByRole('heading', { name: 'Import de « petit.csv » terminé.' }).count()); tries++) {
      expect(tries).toBeLessThan(60);
      await page.waitForTimeout(2000);
      await page.getByRole('link', { name: 'Voir où en est l’import' }).click();
      await page.waitForLoadState();
    }
    expect(await page.locator('.notice-success').textContent()).toMatch(/4 lignes\s: 3 lieux créés, .*1 ligne rejetée\./);
    expect(await page.getByLabel('Réseau des lieux importés').locator('option:checked').textContent()).toBe(NETWORK);
    // (axe needs scripts in the page: the same report is checked with axe in the test above.)

    // A file with no source anywhere is refused whole, in plain French.
    await page.getByLabel('Source du fichier').fill('');
    await page.getByLabel('Fichier (CSV ou JSON)').setInputFiles({
      name: 'sans-source.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(placesCsv(2, 'nosrc')),
    });
    // The page already shows the first import: wait for the address of the new one.
    const first = page.url();
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL((url) => url.href !== first && url.searchParams.has('import'), { timeout: 60_000 });
    expect(await page.getByRole('alert').textContent()).toContain(french('Le fichier « sans-source.csv » n’a pas été importé'));
    await context.close();
  }, 120_000);
});
