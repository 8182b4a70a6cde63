import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sections } from '../../server/src/sections.js';
import { signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

// "Mes données" as a readable archive in the member's language: one CSV per section, named after it, whose parts and
// fields are words (French spreadsheet settings, or English ones for a member whose language is English), a
// LISEZ-MOI.txt (README.txt) and the JSON, whose keys stay the API's.
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

/** A CSV of the archive as rows of cells: a BOM first, `;` (French) or `,` (English) between cells, Windows line ends. */
function rows(csv: string, delimiter: ';' | ',' = ';'): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.slice(1).split('\r\n')[0].split(delimiter)).toHaveLength(4);
  return parse(csv.slice(1), { delimiter, relaxColumnCount: false }) as string[][];
}

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

/** No part or field of the archive's spreadsheets is named with the API's key (`sessions`, `createdAt`, `place.name`). */
function expectWordsOnly(files: Record<string, Uint8Array>, json: { sections: unknown }, delimiter: ';' | ',') {
  const keys = new Set(keysOf(json.sections));
  const named = Object.entries(files)
    .filter(([name]) => name.endsWith('.csv'))
    .flatMap(([, bytes]) => rows(keepBom(bytes), delimiter).slice(1))
    .flatMap(([part, , field]) => [part, ...field.split(' › ')]);
  expect(named.length).toBeGreaterThan(40);
  expect(named.filter((word) => keys.has(word))).toEqual([]);
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

    const labels = sections.flatMap((section) => section.myData.map((provider) => `${provider.label.fr}.csv`));
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(labels).toContain('Compte et profil.csv');
    expect(labels).toContain('Banque de temps.csv');
    expect(Object.keys(files).sort()).toEqual(['LISEZ-MOI.txt', 'mes-donnees.json', ...labels].sort());

    const compte = rows(keepBom(files['Compte et profil.csv']));
    expect(compte[0]).toEqual(['Rubrique', 'N°', 'Champ', 'Valeur']);
    expect(compte).toContainEqual(['Profil', '', 'Nom affiché', 'Zoé Archive']);
    expect(compte).toContainEqual(['Profil', '', 'Commune', 'Savenay']);
    expect(compte).toContainEqual(['Profil', '', 'Adresse e-mail visible', 'non']);
    expect(compte).toContainEqual(['Profil', '', 'Identifiant', id]);
    const session = compte.find(
      ([part, number, field]) => part === 'Sessions de connexion' && number === '1' && field === 'Date de création',
    );
    // Values stay machine-readable: an ISO date.
    expect(session?.[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    const entraide = rows(keepBom(files['Entraide.csv']));
    expect(entraide).toContainEqual(['Questions', '1', 'Titre', 'Comment aider à scanner un document ?']);
    expect(entraide).toContainEqual(['Questions', '1', 'Mots-clés', 'scanner']);

    const readme = strFromU8(files['LISEZ-MOI.txt']);
    expect(readme).toMatch(/s’ouvre avec un tableur/);
    expect(readme).toContain('- Compte et profil.csv');
    expect(readme).toContain('« Rubrique »');
    const json = JSON.parse(strFromU8(files['mes-donnees.json']));
    expect(json.userId).toBe(id);
    expect(json.sections.compte.profile.displayName).toBe('Zoé Archive');
    expectWordsOnly(files, json, ';');
  });

  it('is in English for a member whose language is English: file names, columns, parts and fields', async () => {
    const client = app.client();
    const { id } = await signUp(client, 'Zoe Archive');
    await client.data(`mutation { updateProfile(input: { commune: "Savenay", locale: "en" }) { id } }`);

    const response = await download(client, 'mes-donnees.zip');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="maillage-my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));

    const labels = sections.flatMap((section) => section.myData.map((provider) => `${provider.label.en}.csv`));
    expect(labels).toContain('Account and profile.csv');
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'my-data.json', ...labels].sort());

    const account = rows(keepBom(files['Account and profile.csv']), ',');
    expect(account[0]).toEqual(['Part', 'No.', 'Field', 'Value']);
    expect(account).toContainEqual(['Profile', '', 'Display name', 'Zoe Archive']);
    expect(account).toContainEqual(['Profile', '', 'Town', 'Savenay']);
    expect(account).toContainEqual(['Profile', '', 'E-mail address shown', 'no']);
    expect(account).toContainEqual(['Profile', '', 'Interface language', 'en']);
    expect(account.some(([part, number, field]) => part === 'Sign-in sessions' && number === '1' && field === 'Created on')).toBe(true);

    const readme = strFromU8(files['README.txt']);
    expect(readme).toMatch(/opens in a spreadsheet/);
    expect(readme).toContain('- Account and profile.csv');
    const json = JSON.parse(strFromU8(files['my-data.json']));
    expect(json.userId).toBe(id);
    expect(json.sections.compte.profile.locale).toBe('en');
    expectWordsOnly(files, json, ',');
  });

  it('refuses a visitor', async () => {
    const response = await download(app.client(), 'mes-donnees.zip');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/Connectez-vous/);
  });
});
