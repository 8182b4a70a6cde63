import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';
import { times, french } from '../helpers/french.js';

// Issue #14: every territory right (DROM, COM, Corsica), and opening hours read in the place's own time zone.

const IMPORT = `mutation ($input: ImportPlacesInput!) { importPlaces(input: $input) {
  total created updated unchanged rejected rejectedRows { line name reasons } } }`;
const SEARCH = `query ($departement: String, $openNow: Boolean, $typologie: [String!]) {
  organizations(first: 50, departement: $departement, openNow: $openNow, typologie: $typologie) {
    totalCount edges { node { name departement openNow openingStatus } } } }`;
const PLACE = `query ($slug: String) { organization(slug: $slug) {
  name commune codePostal codeInsee departement telephone typologie openNow openingStatus openingWeek { day hours } } }`;

const HOURS = 'Mo-Fr 08:00-16:00; Dec 25 off';
const COLUMNS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'date_maj',
  'services',
  'horaires',
  'telephone',
  'typologie',
];
const row = (fields: Record<string, string>) => COLUMNS.map((column) => `"${(fields[column] ?? '').replace(/"/g, '""')}"`).join(',');
const place = (fields: Record<string, string>) => ({
  pivot: '00000000000000',
  adresse: '1 rue de la Mairie',
  date_maj: '2026-11-30',
  services: 'Aide aux démarches administratives',
  ...fields,
});

const ROWS = [
  place({
    id: 'terr-noumea',
    nom: 'Case numérique de Nouméa',
    commune: 'Nouméa',
    code_postal: '98800',
    code_insee: '98818',
    horaires: HOURS,
    telephone: '27 12 34',
    typologie: 'Autre',
  }),
  place({
    id: 'terr-pap',
    nom: 'Cyberbase de Pointe-à-Pitre',
    commune: 'Pointe-à-Pitre',
    code_postal: '97110',
    code_insee: '97120',
    telephone: '0590 82 12 34',
  }),
  place({
    id: 'terr-marigot',
    nom: 'Espace public numérique de Marigot',
    commune: 'Saint-Martin',
    code_postal: '97150',
    code_insee: '97127', // its code from before 2007, when Saint-Martin was a commune of Guadeloupe
    telephone: '0590 87 12 34',
  }),
  place({ id: 'terr-ajaccio', nom: "Médiathèque d'Ajaccio", commune: 'Ajaccio', code_postal: '20000', code_insee: '2A004' }),
  place({ id: 'terr-bourg', nom: 'Maison France services de Bourg', commune: 'Bourg-en-Bresse', code_postal: '1000', code_insee: '01053' }),
  place({
    id: 'terr-savenay',
    nom: 'Médiathèque de Savenay',
    commune: 'Savenay',
    code_postal: '44260',
    horaires: HOURS,
    telephone: '02 40 12 34 56',
    typologie: 'asso',
  }),
  // Rejected: a 4-digit postcode that is not Saint-Nazaire's once completed, an unknown code INSEE, a postcode of another département.
  place({ id: 'terr-nazaire', nom: 'Lieu de Saint-Nazaire', commune: 'Saint-Nazaire', code_postal: '4460', code_insee: '44184' }),
  place({ id: 'terr-inconnu', nom: 'Lieu inconnu', commune: 'Nulle-Part', code_postal: '44260', code_insee: '44999' }),
  place({ id: 'terr-ailleurs', nom: 'Lieu ailleurs', commune: 'Saint-Nazaire', code_postal: '75001', code_insee: '44184' }),
];
const CSV = [COLUMNS.map((c) => `"${c}"`).join(','), ...ROWS.map(row)].join('\n');

let app: TestApp;
let admin: GraphQLClient;
/** The instant the API lives at: tests move it (config.clock), the server reads it on each request. */
let now = new Date('2026-12-01T02:57:00Z');
let report: any;

beforeAll(async () => {
  app = await startTestApp({ config: { clock: () => now } });
  admin = app.client();
  const { id } = await signUp(admin, 'Équipe Maillage');
  await grantRoleInDb(app, id, 'admin');
  report = (await admin.data(IMPORT, { input: { content: CSV, source: 'Essais' } })).importPlaces;
});
afterAll(async () => {
  await app?.close();
});

const slugOf = async (standardId: string): Promise<string> => {
  const [found] = await app.orm.em.getConnection().execute(`select slug from organization where standard_id = ?`, [standardId]);
  return found.slug;
};
const placeNamed = async (standardId: string) => (await app.client().data(PLACE, { slug: await slugOf(standardId) })).organization;
const names = (data: any) => data.organizations.edges.map((e: any) => e.node.name).sort();

describe('every territory right', () => {
  it('imports the overseas, Corsican and completed rows, and rejects the three wrong ones with their reason', () => {
    expect(report).toMatchObject({ total: 9, created: 6, rejected: 3 });
    const reasons = Object.fromEntries(report.rejectedRows.map((r: any) => [r.name, r.reasons.join(' ')]));
    expect(reasons['Lieu de Saint-Nazaire']).toBe(
      french(
        'code postal : le code postal doit avoir 5 chiffres : « 4460 » en a 4, et « 04460 » n’est pas un code postal de la commune : Saint-Nazaire (44184), code postal 44600. Corrigez le code postal ou la commune.',
      ),
    );
    expect(reasons['Lieu inconnu']).toMatch(
      /^code INSEE\u00a0: le code INSEE «\u00a044999\u00a0» n’est celui d’aucune commune de la liste officielle/,
    );
    expect(reasons['Lieu ailleurs']).toMatch(
      /^code postal\u00a0: le code postal «\u00a075001\u00a0» n’est pas celui de la commune du code INSEE Saint-Nazaire \(44184\), dont le code postal est 44600/,
    );
  });

  it('gives each place its territory: 988, 971, 978 (Saint-Martin, even under its old code), 2A, and 01000 for Bourg-en-Bresse', async () => {
    expect(await placeNamed('terr-noumea')).toMatchObject({ departement: '988', telephone: '+687271234', typologie: ['Autre'] });
    expect(await placeNamed('terr-pap')).toMatchObject({ departement: '971', telephone: '+590590821234' });
    expect(await placeNamed('terr-marigot')).toMatchObject({ departement: '978', telephone: '+590590871234' });
    expect(await placeNamed('terr-ajaccio')).toMatchObject({ departement: '2A', codePostal: '20000' });
    expect(await placeNamed('terr-bourg')).toMatchObject({ departement: '01', codePostal: '01000' });
    expect(await placeNamed('terr-savenay')).toMatchObject({ departement: '44', telephone: '+33240123456', typologie: ['ASSO'] });
  });

  it('finds places by their own département code: "988" finds Nouméa, "971" Guadeloupe without Saint-Martin', async () => {
    const search = (variables: Record<string, unknown>) => app.client().data(SEARCH, variables);
    expect(names(await search({ departement: '988' }))).toEqual(['Case numérique de Nouméa']);
    expect(names(await search({ departement: '971' }))).toEqual(['Cyberbase de Pointe-à-Pitre']);
    expect(names(await search({ departement: '978' }))).toEqual(['Espace public numérique de Marigot']);
    expect(names(await search({ departement: '2a' }))).toEqual(["Médiathèque d'Ajaccio"]);
    expect(names(await search({ typologie: ['autre'] }))).toEqual(['Case numérique de Nouméa']);
  });

  it("reads a local number in the place's own territory on its page, and says that territory's format when it is wrong", async () => {
    const { createOrganization } = await admin.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id departement telephone } }`,
      {
        input: {
          name: 'Point numérique de Dumbéa',
          commune: 'Dumbéa',
          codePostal: '98835',
          adresse: '3 rue du Lagon',
          telephone: '41 22 33',
        },
      },
    );
    expect(createOrganization).toMatchObject({ departement: '988', telephone: '+687412233' });
    const error = await admin.error(`mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`, {
      input: { id: createOrganization.id, telephone: '12' },
    });
    expect(error.extensions?.fields?.telephone).toMatch(/écrivez-le comme 27 12 34/);
  });
});

describe("opening hours in the place's own time zone (a fixed clock)", () => {
  it('at 13:57 in Nouméa (03:57 in Paris): the Nouméa place is open and the Savenay one is closed, in the list and on their pages', async () => {
    now = new Date('2026-12-01T02:57:00Z');
    const open = await app.client().data(SEARCH, { openNow: true });
    expect(names(open)).toEqual(['Case numérique de Nouméa']);
    expect(await placeNamed('terr-noumea')).toMatchObject({ openNow: true, openingStatus: times('Ouvert · ferme à 16 h') });
    expect(await placeNamed('terr-savenay')).toMatchObject({ openNow: false, openingStatus: times('Fermé · ouvre à 8 h') });
  });

  it('at 10:00 in Paris (20:00 in Nouméa): the reverse', async () => {
    now = new Date('2026-12-01T09:00:00Z');
    const open = await app.client().data(SEARCH, { openNow: true });
    expect(names(open)).toEqual(['Médiathèque de Savenay']);
    expect(await placeNamed('terr-noumea')).toMatchObject({ openNow: false, openingStatus: times('Fermé · ouvre demain à 8 h') });
    expect(await placeNamed('terr-savenay')).toMatchObject({ openNow: true, openingStatus: times('Ouvert · ferme à 16 h') });
  });

  it("shows the week of the place's own calendar: on Sunday 20 December in Paris, Nouméa is already in Christmas week", async () => {
    now = new Date('2026-12-20T14:00:00Z');
    expect((await placeNamed('terr-noumea')).openingWeek[4]).toEqual({ day: 'vendredi', hours: 'fermé' });
    expect((await placeNamed('terr-savenay')).openingWeek[4]).toEqual({ day: 'vendredi', hours: times('8 h – 16 h') });
  });

  it('writes the week in English for an English page', async () => {
    now = new Date('2026-12-20T14:00:00Z');
    const english = app.client({ 'accept-language': 'en' });
    const week = async (standardId: string) => (await english.data(PLACE, { slug: await slugOf(standardId) })).organization.openingWeek;
    expect((await week('terr-noumea'))[4]).toEqual({ day: 'Friday', hours: 'closed' });
    expect((await week('terr-savenay'))[4]).toEqual({ day: 'Friday', hours: '08:00\u00a0– 16:00' });
  });
});

describe('the export keeps the standard’s exact codes', () => {
  it('writes typology `Autre` as the standard spells it, overseas phones with their prefix, and breaks no constraint of schema.json', async () => {
    const text = await (await fetch(`${app.url}/api/lieux.csv`)).text();
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.nom === 'Case numérique de Nouméa')).toMatchObject({
      typologie: 'Autre',
      telephone: '+687271234',
      code_postal: '98800',
      code_insee: '98818',
    });
    expect(rows.find((r) => r.nom === 'Cyberbase de Pointe-à-Pitre')?.telephone).toBe('+590590821234');
    const schema = JSON.parse(await fs.readFile(path.join(projectRoot, 'server/data/standard/schema.json'), 'utf8')) as {
      fields: Array<{ name: string; constraints?: { required?: boolean; pattern?: string } }>;
    };
    const problems: string[] = [];
    for (const [index, record] of rows.entries()) {
      for (const field of schema.fields) {
        const value = record[field.name];
        if (field.constraints?.required && !value) problems.push(`row ${index}: ${field.name} missing`);
        if (value && field.constraints?.pattern && !new RegExp(field.constraints.pattern, 'u').test(value))
          problems.push(`row ${index}: ${field.name} = ${value}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('import(export) changes nothing: the overseas places keep their codes and phones', async () => {
    const csv = await (await fetch(`${app.url}/api/lieux.csv`)).text();
    const again = (await admin.data(IMPORT, { input: { content: csv } })).importPlaces;
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(await placeNamed('terr-marigot')).toMatchObject({ departement: '978', telephone: '+590590871234' });
  });
});
