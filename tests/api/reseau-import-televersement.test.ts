import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, signUpAdmin, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
/**
 * Big directory files sent from the web page: POST /api/reseau/import (multipart, streamed, not a GraphQL
 * variable), the job's progress, its row report as CSV, and the refusals (server/src/modules/reseau/import.http.ts).
 */

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app, 'Équipe Maillage');
});
afterAll(async () => {
  await app?.close();
});

const HEADER = 'id,pivot,nom,commune,code_postal,adresse,latitude,longitude,date_maj,services';
/** A CSV of `count` distinct places, 1 km apart (each file in its own area); line 3 (the second place) has no commune, line 4 a name written as a formula. */
let files = 0;
function bigCsv(count: number): string {
  // Each file its own places (ids and SIRET): a place seen in an earlier file would be linked, not created.
  files += 1;
  const tag = `fichier${files}`;
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const name = i === 2 ? '=HYPERLINK("http://exemple.invalid";"Cliquez")' : `Espace numérique n° ${i}`;
    const commune = i === 1 ? '' : 'Nantes';
    const latitude = (42 + files * 0.5 + Math.floor(i / 100) * 0.01).toFixed(4);
    const longitude = (-1 + (i % 100) * 0.013).toFixed(4);
    lines.push(
      `${tag}-${i},${10_000_000_000_000 + files * 100_000 + i},"${name.replace(/"/g, '""')}",${commune},44000,${i} rue du Test,${latitude},${longitude},2025-01-10,Aide aux démarches administratives`,
    );
  }
  return lines.join('\n');
}

const cookieOf = (client: GraphQLClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

/** The page's form, sent as the page's script sends it (or as a plain form when `json` is false). */
async function upload(
  client: GraphQLClient | null,
  content: string,
  fields: Record<string, string> = {},
  options: { json?: boolean; origin?: string | null } = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([content], { type: 'text/csv' }), 'lieux.csv');
  const headers: Record<string, string> = {};
  if (options.json !== false) headers.accept = 'application/json';
  if (options.origin !== null) headers.origin = options.origin ?? app.url;
  if (client) headers.cookie = cookieOf(client);
  return fetch(`${app.url}/api/reseau/import`, { method: 'POST', body: form, headers, redirect: 'manual' });
}

const get = (client: GraphQLClient, path: string) => fetch(`${app.url}${path}`, { headers: { cookie: cookieOf(client) } });

/** The job once it has ended (done or failed). */
async function finished(client: GraphQLClient, id: string) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await (await get(client, `/api/reseau/import/${id}`)).json();
    if (state.state !== 'running') return state;
  }
}

async function placeCount(): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select count(*)::int as n from organization where kind = 'lieu'`);
  return row.n;
}

describe('a big file sent from the import page', () => {
  it('imports 10,000 rows as a job: progress moves, then the row report, downloadable as CSV', async () => {
    const csv = bigCsv(10_000);
    const before = await placeCount();
    const started = Date.now();
    const response = await upload(admin, csv, { source: 'Fichier de test' });
    expect(response.status).toBe(202);
    const job = await response.json();
    expect(job).toMatchObject({ state: 'running', fileName: 'lieux.csv', source: 'Fichier de test', bytes: Buffer.byteLength(csv) });

    const seen: number[] = [];
    let state = job;
    while (state.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await (await get(admin, `/api/reseau/import/${job.id}?lignes=non`)).json();
      seen.push(state.progress.read);
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(`10,000-row import over HTTP: ${seconds.toFixed(1)} s`);
    expect(state.state).toBe('done');
    // Seen part-way: more than nothing, less than all, and never going back.
    expect(seen.some((read) => read > 0 && read < 10_000)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(state.progress).toMatchObject({ read: 10_000, total: 10_000, created: 9_999, rejected: 1 });
    expect(await placeCount()).toBe(before + 9_999);

    const full = await (await get(admin, `/api/reseau/import/${job.id}`)).json();
    expect(full.report.rows).toHaveLength(10_000);
    const rejected = full.report.rows.find((row: { line: number }) => row.line === 3);
    expect(rejected).toMatchObject({ outcome: 'rejected', outcomeLabel: 'non importée', place: null });
    expect(rejected.reasons.join(' ')).toMatch(/commune/i);

    const download = await get(admin, `/api/reseau/import/${job.id}/rapport.csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="rapport-import-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows: string[][] = parse(await download.text(), { delimiter: ';', bom: true });
    expect(rows[0]).toEqual([
      'Ligne',
      'Nom',
      'Identifiant dans le fichier',
      'Résultat',
      'Lieu dans Maillage',
      'Champs modifiés',
      'Raisons du rejet',
      'Remarques',
    ]);
    expect(rows).toHaveLength(10_001);
    const [, line3] = [rows[1], rows.find((row) => row[0] === '3')!];
    expect(line3[3]).toBe('non importée');
    expect(line3[6]).toMatch(/commune/i);
    const created = rows.find((row) => row[0] === '2')!;
    expect(created[3]).toBe('lieu créé');
    expect(created[4]).toMatch(new RegExp(`^${app.url}/organisations/espace-numerique-n-0`));
    // The name written as a formula comes out as text for a spreadsheet: an apostrophe first.
    const formula = rows.find((row) => row[0] === '4')!;
    expect(formula[1]).toBe(`'=HYPERLINK("http://exemple.invalid";"Cliquez")`);
  }, 120_000);

  it('without JavaScript, the form is sent back to the page with its import once done', async () => {
    const response = await upload(admin, bigCsv(3), { source: 'Formulaire' }, { json: false });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/reseau\/import\?import=[0-9a-f-]{36}$/);
    const job = await (await get(admin, `/api/reseau/import/${location.split('=')[1]}`)).json();
    expect(job).toMatchObject({ state: 'done', progress: { total: 3, created: 2, rejected: 1 } });
  });

  it('keeps the report for the person who sent the file only', async () => {
    const response = await upload(admin, bigCsv(1), { source: 'Test' });
    const { id } = await response.json();
    const other = app.client();
    await signUp(other, 'Autre membre');
    expect((await get(other, `/api/reseau/import/${id}`)).status).toBe(404);
    expect((await get(other, `/api/reseau/import/${id}/rapport.csv`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/reseau/import/${id}`)).status).toBe(401);
  });
});

describe('refusals, with nothing imported', () => {
  const small = () => bigCsv(2);

  it('refuses a visitor', async () => {
    const before = await placeCount();
    const response = await upload(null, small(), { source: 'Test' });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('Connectez-vous pour importer des lieux.');
    expect(await placeCount()).toBe(before);
  });

  it('refuses a member who is not an admin of the network, and one who names no network', async () => {
    const coordinator = app.client();
    await signUp(coordinator, 'Coordination du Sillon');
    const { createOrganization: network } = await coordinator.data(
      `mutation { createOrganization(input: { name: "Réseau du Sillon", kind: RESEAU }) { id } }`,
    );
    const member = app.client();
    await signUp(member, 'Camille Membre');
    const before = await placeCount();
    for (const fields of [{ networkId: network.id, source: 'Test' }, { source: 'Test' }] as Record<string, string>[]) {
      const response = await upload(member, small(), fields);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/^Seuls les administrateurs de la plateforme, ou d’un réseau pour son réseau/);
    }
    expect(await placeCount()).toBe(before);

    // The network's admin may, into their network.
    const allowed = await upload(coordinator, small(), { networkId: network.id, source: 'Test' });
    expect(allowed.status).toBe(202);
    expect(await finished(coordinator, (await allowed.json()).id)).toMatchObject({ state: 'done', progress: { created: 1, rejected: 1 } });
    expect(await placeCount()).toBe(before + 1);
  });

  it('refuses a post from another site (no Origin, or another one)', async () => {
    const before = await placeCount();
    for (const origin of [null, 'https://autre-site.exemple']) {
      const response = await upload(admin, small(), { source: 'Test' }, { origin });
      expect(response.status).toBe(403);
    }
    expect(await placeCount()).toBe(before);
  });

  it('refuses a file over the limit with the limit in French, announced or not in advance', async () => {
    const limit = app.config.importMaxBytes;
    app.config.importMaxBytes = 100 * 1024;
    try {
      const before = await placeCount();
      const big = bigCsv(2) + '\n' + 'x'.repeat(200 * 1024);
      const response = await upload(admin, big, { source: 'Test' });
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe(french('Le fichier est trop gros : 0,1 Mo au plus. Coupez-le en plusieurs fichiers.'));
      // Just over the limit: the body's announced size passes, the file's own count stops it.
      const justOver = bigCsv(2) + '\n' + 'x'.repeat(100 * 1024);
      const second = await upload(admin, justOver, { source: 'Test' });
      expect(second.status).toBe(413);
      // Without JavaScript: back to the page, which says it.
      const form = await upload(admin, big, { source: 'Test' }, { json: false });
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toBe('/reseau/import?erreur=trop-gros&max=0%2C1');
      expect(await placeCount()).toBe(before);
    } finally {
      app.config.importMaxBytes = limit;
    }
  });

  it('says what is wrong with a file refused whole (no source), and imports nothing', async () => {
    const before = await placeCount();
    const response = await upload(admin, small());
    expect(response.status).toBe(202);
    const state = await finished(admin, (await response.json()).id);
    expect(state.state).toBe('failed');
    expect(state.error).toMatch(/^Ce fichier ne dit pas qui a collecté les données/);
    expect(await placeCount()).toBe(before);
  });
});
