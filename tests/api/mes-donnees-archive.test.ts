import 'reflect-metadata';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sections } from '../../server/src/sections.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

// "Mes données" as a readable archive: one CSV per section (French spreadsheet settings), a LISEZ-MOI.txt and the JSON.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

function download(client: GraphQLClient, file: string) {
  const cookie = client.cookies.get('maillage_session');
  return fetch(`${app.url}/api/${file}`, { headers: cookie ? { cookie: `maillage_session=${cookie}` } : {} });
}

/** The file's text with its byte-order mark, which a plain UTF-8 decoder drops. */
const keepBom = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** A CSV of the archive as rows of cells (`;`, a BOM first, cells without quotes or line breaks in this test's data). */
function rows(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return csv
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

describe('download my data as a ZIP of spreadsheets', () => {
  it('holds one CSV per section with my data, a readme and the JSON', async () => {
    const client = app.client();
    const { id } = await signUp(client, 'Zoé Archive');
    await client.data(`mutation { updateProfile(input: { commune: "Savenay", departement: "44", bio: "Médiatrice" }) { id } }`);
    await client.data(`mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
      input: {
        title: 'Comment aider à scanner un document ?',
        body: 'Une personne accueillie veut envoyer un justificatif.',
        tags: ['scanner'],
        departement: '44',
      },
    });

    const response = await download(client, 'mes-donnees.zip');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="maillage-mes-donnees-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));

    const expected = sections.flatMap((section) => section.myData.map((provider) => `${provider.section}.csv`));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(files).sort()).toEqual(['LISEZ-MOI.txt', 'mes-donnees.json', ...expected].sort());

    const compte = rows(keepBom(files['compte.csv']));
    expect(compte[0]).toEqual(['Rubrique', 'N°', 'Champ', 'Valeur']);
    expect(compte).toContainEqual(['profile', '', 'displayName', 'Zoé Archive']);
    expect(compte).toContainEqual(['profile', '', 'commune', 'Savenay']);
    expect(compte.some(([part, number, field]) => part === 'sessions' && number === '1' && field === 'createdAt')).toBe(true);

    const entraide = rows(keepBom(files['entraide.csv']));
    expect(entraide.some((row) => row[3] === 'Comment aider à scanner un document ?')).toBe(true);

    expect(strFromU8(files['LISEZ-MOI.txt'])).toMatch(/s’ouvre avec un tableur/);
    const json = JSON.parse(strFromU8(files['mes-donnees.json']));
    expect(json.userId).toBe(id);
    expect(json.sections.compte.profile.displayName).toBe('Zoé Archive');
  });

  it('refuses a visitor', async () => {
    const response = await download(app.client(), 'mes-donnees.zip');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/Connectez-vous/);
  });
});
