import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { signUp, signUpAdmin, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
// Real open-data files and the standard, shipped with the project (Licence Ouverte 2.0: server/data/LICENCE.md).
const DATA = path.join(projectRoot, 'server/data');
const read = (file: string) => fs.readFile(path.join(DATA, file), 'utf8');

const IMPORT = `mutation ($input: ImportPlacesInput!) { importPlaces(input: $input) {
  format v0Rows total created updated linked unchanged rejected rejectedRows { line name reasons } } }`;

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app, 'Équipe Maillage');
});
afterAll(async () => {
  await app?.close();
});

// The crafted files have no `source` column: the import is told it, as the web form and `--source` do.
async function importPlaces(content: string, client = admin, extra: Record<string, unknown> = {}) {
  return (await client.data(IMPORT, { input: { content, source: 'Essais Maillage', ...extra } })).importPlaces;
}

async function placeCount(where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select count(*)::int as n from organization where ${where}`, params);
  return row.n;
}

const HEADER =
  '"id","pivot","nom","commune","code_postal","adresse","latitude","longitude","date_maj","services","frais_a_charge","horaires"';
const row = (fields: Record<string, string | number>) =>
  ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'latitude', 'longitude', 'date_maj', 'services', 'frais_a_charge', 'horaires']
    .map((column) => `"${String(fields[column] ?? '').replace(/"/g, '""')}"`)
    .join(',');
const place = (overrides: Record<string, string | number> = {}) => ({
  id: 'maillage-test-1',
  pivot: '12345678901234',
  nom: 'Espace numérique du Sillon',
  commune: 'Savenay',
  code_postal: '44260',
  adresse: '1 rue du Sillon',
  latitude: 47.36,
  longitude: -1.94,
  date_maj: '2024-01-10',
  services: 'Aide aux démarches administratives',
  frais_a_charge: 'Gratuit',
  horaires: 'Mo-Fr 09:00-12:00',
  ...overrides,
});

describe('importing the real v0 files in server/data/lieux', () => {
  it('imports Charente (188 rows): every row taken, old labels mapped to v1, duplicates inside the file merged', async () => {
    const report = await importPlaces(await read('lieux/charente-2023-07.json'));
    // 10 rows describe a place another of its sources gave a few rows earlier (the same name, or the same
    // SIRET, within 100 m): linked to it, not doubled. The Chambre d'agriculture's offices share a SIRET
    // but lie 27 to 58 km apart: 4 places, as the standard's `id` says.
    expect(report).toMatchObject({
      format: 'json',
      v0Rows: 188,
      total: 188,
      created: 178,
      linked: 10,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(await placeCount(`name ilike 'chambre%agriculture%'`)).toBe(4);
    const [chateaubernard] = await app.orm.em.getConnection().execute(
      `select services, frais_a_charge, dispositif_programmes_nationaux, modalites_accompagnement, fiche_acces_libre, pivot
         from organization where standard_id = 'mediation-numerique-conseiller-numerique-63d29db4e6d6a806f256459a-mediation-numerique'`,
    );
    expect(chateaubernard).toEqual({
      services: ['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique'],
      frais_a_charge: ['Gratuit'],
      dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services'],
      modalites_accompagnement: ['Accompagnement individuel'],
      fiche_acces_libre: 'https://acceslibre.beta.gouv.fr/app/16-chateaubernard/a/mairie/erp/mairie-chateaubernard/',
      pivot: null, // "00000000000000" means "no SIRET known"
    });
  });

  it('imports PACA (646 rows) and rejects 6, each with its line and the reason in French (hours not in OSM syntax)', async () => {
    const report = await importPlaces(await read('lieux/paca-hub-du-sud-2023-05.json'));
    expect(report).toMatchObject({ total: 646, v0Rows: 646, created: 640, updated: 0, unchanged: 0, rejected: 6 });
    expect(report.rejectedRows.map((r: any) => r.line)).toEqual([167, 245, 264, 268, 320, 442]);
    expect(report.rejectedRows[0]).toEqual({
      line: 167,
      name: 'MAISON POUR TOUS LA ROUGUIERE',
      reasons: [
        french(
          'horaires : les horaires « Mo-Fr 09:00-19:00; Sa 17:00 » ne sont pas au format OpenStreetMap (exemple : Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00).',
        ),
      ],
    });
    for (const rejected of report.rejectedRows) expect(rejected.reasons.join()).toMatch(/^horaires\u00a0: /);
  });

  it('changes nothing and doubles nothing when the same files are imported again', async () => {
    const before = await placeCount();
    const again = await importPlaces(await read('lieux/charente-2023-07.json'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 188, rejected: 0 });
    const paca = await importPlaces(await read('lieux/paca-hub-du-sud-2023-05.json'));
    expect(paca).toMatchObject({ created: 0, updated: 0, unchanged: 640, rejected: 6 });
    expect(await placeCount()).toBe(before);
  });
});

describe('importing files in the standard v1.0.2', () => {
  it("imports the standard's own valid example (CSV)", async () => {
    const report = await importPlaces(await read('standard/exemple-valide.csv'));
    expect(report).toMatchObject({ format: 'csv', v0Rows: 0, total: 1, created: 1, rejected: 0 });
    const { organizations } = await app.client().data(`{ organizations(search: "Anonymal") { edges { node {
      name commune typologie telephone courriels formationsLabels modalitesAccompagnement itinerance dateMaj } } } }`);
    expect(organizations.edges[0].node).toEqual({
      name: 'Anonymal',
      commune: 'Reims',
      typologie: ['TIERS_LIEUX', 'ASSO'],
      telephone: '+33180059880',
      courriels: ['contact@laquincaillerie.tl', 'responsable@laquincaillerie.tl'],
      formationsLabels: ['Formé à « Mon Espace Santé »', 'Arnia/MedNum BFC (Bourgogne-Franche-Comté)'],
      modalitesAccompagnement: ['Dans un atelier collectif', 'À distance', 'En autonomie', 'Accompagnement individuel'],
      itinerance: ['Itinérant'],
      dateMaj: '2024-04-02',
    });
  });

  it('reports every rejected row with its CSV line and all its reasons', async () => {
    const csv = [
      HEADER,
      row(place({ id: 'rejet-1', nom: '', code_postal: '442' })),
      row(place({ id: 'rejet-2', nom: 'Lieu sans date', date_maj: '', services: 'Réparer des vélos' })),
      row(place({ id: 'accepte-1', nom: 'Lieu correct', pivot: '98765432109876', latitude: 43.1, longitude: 5.9 })),
    ].join('\n');
    const report = await importPlaces(csv);
    expect(report).toMatchObject({ total: 3, created: 1, rejected: 2 });
    expect(report.rejectedRows).toEqual([
      {
        line: 2,
        name: null,
        reasons: [
          french('nom : le champ « nom » est obligatoire.'),
          french('code postal : le code postal doit avoir 5 chiffres (exemple : 44260).'),
        ],
      },
      {
        line: 3,
        name: 'Lieu sans date',
        reasons: [
          french('date de mise à jour : le champ « date de mise à jour » est obligatoire.'),
          expect.stringMatching(
            /^services\u00a0: «\u00a0Réparer des vélos\u00a0» n’est pas une valeur possible pour «\u00a0services\u00a0»/,
          ),
        ],
      },
    ]);
  });

  it('updates a place when a newer date_maj comes, and merges the same place from another source (same pivot, or same name within 100 m)', async () => {
    await importPlaces([HEADER, row(place())].join('\n'));
    const newer = await importPlaces([HEADER, row(place({ date_maj: '2024-06-01', horaires: 'Mo-Fr 09:00-17:00' }))].join('\n'));
    expect(newer).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const older = await importPlaces([HEADER, row(place({ date_maj: '2023-01-01', horaires: 'Sa 10:00-12:00' }))].join('\n'));
    expect(older).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const [saved] = await app.orm.em
      .getConnection()
      .execute(`select horaires, date_maj::text from organization where standard_id = 'maillage-test-1'`);
    expect(saved).toEqual({ horaires: 'Mo-Fr 09:00-17:00', date_maj: '2024-06-01' });

    // Another source, its own id, the same SIRET, the same spot.
    const samePivot = await importPlaces(
      [HEADER, row(place({ id: 'autre-source-42', nom: 'EPN du Sillon', date_maj: '2024-07-01' }))].join('\n'),
      admin,
      { source: 'Autre source' },
    );
    expect(samePivot).toMatchObject({ created: 0, linked: 1 });
    // Another source, no SIRET, same name (other accents and case) 40 m away.
    const sameName = await importPlaces(
      [
        HEADER,
        row(place({ id: 'troisieme-source', pivot: '00000000000000', nom: 'EPN DU SILLON', latitude: 47.36035, longitude: -1.94 })),
      ].join('\n'),
      admin,
      { source: 'Troisième source' },
    );
    expect(sameName).toMatchObject({ created: 0, linked: 1, rejected: 0 });
    // Same name 2 km away: another place.
    const elsewhere = await importPlaces(
      [HEADER, row(place({ id: 'quatrieme-source', pivot: '00000000000000', nom: 'EPN du Sillon', latitude: 47.378 }))].join('\n'),
      admin,
      { source: 'Quatrième source' },
    );
    expect(elsewhere).toMatchObject({ created: 1 });
    expect(await placeCount(`standard_id in ('maillage-test-1', 'autre-source-42', 'troisieme-source', 'quatrieme-source')`)).toBe(2);
  });

  it('never doubles a place when the same file is imported twice at the same moment', async () => {
    const csv = [HEADER, row(place({ id: 'simultane-1', pivot: '11122233344455', nom: 'Tiers-lieu simultané', latitude: 45.1 }))].join(
      '\n',
    );
    const reports = await Promise.all([importPlaces(csv), importPlaces(csv)]);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 1]);
    expect(await placeCount(`standard_id = 'simultane-1'`)).toBe(1);
  });
});

describe('who may import', () => {
  it('refuses visitors and members; a network admin imports into their network and cannot overwrite places of others', async () => {
    const csv = [HEADER, row(place({ id: 'reseau-1', pivot: '55566677788899', nom: 'Lieu du réseau', latitude: 44.5 }))].join('\n');
    expect((await app.client().error(IMPORT, { input: { content: csv } })).extensions?.code).toBe('UNAUTHENTICATED');
    const member = app.client();
    await signUp(member, 'Simple membre');
    const refused = await member.error(IMPORT, { input: { content: csv } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/administrateurs de la plateforme, ou d’un réseau/);

    const coordinator = app.client();
    await signUp(coordinator, 'Coordinatrice');
    const { createOrganization: network } = await coordinator.data(
      `mutation { createOrganization(input: { name: "Réseau du Sillon", kind: RESEAU }) { id } }`,
    );
    expect((await member.error(IMPORT, { input: { content: csv, networkId: network.id } })).extensions?.code).toBe('FORBIDDEN');
    const report = await importPlaces(csv, coordinator, { networkId: network.id });
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    const { organizations } = await app
      .client()
      .data(`query ($id: ID!) { organizations(networkId: $id) { totalCount edges { node { name } } } }`, { id: network.id });
    expect(organizations).toEqual({ totalCount: 1, edges: [{ node: { name: 'Lieu du réseau' } }] });

    // A place outside the network (imported earlier by the platform) is not theirs to change.
    const foreign = await importPlaces(
      [HEADER, row(place({ date_maj: '2025-01-01', horaires: 'Su 10:00-11:00' }))].join('\n'),
      coordinator,
      { networkId: network.id },
    );
    expect(foreign).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect(foreign.rejectedRows[0].reasons[0]).toMatch(/existe déjà dans Maillage .* ne fait pas partie de votre réseau/);
  });
});

describe('open data: /api/lieux.csv and /api/lieux.json', () => {
  interface SchemaField {
    name: string;
    type: string;
    constraints?: { required?: boolean; pattern?: string; maxLength?: number };
  }

  it('serves the whole directory in the standard: 32 columns in order, required fields, patterns and enumerations of schema.json', async () => {
    // A place created in Maillage by a person is published too.
    const creator = app.client();
    await signUp(creator, 'Créatrice');
    const { createOrganization } = await creator.data(`mutation { createOrganization(input: {
      name: "Café numérique de Lavau", commune: "Lavau-sur-Loire", codePostal: "44260", adresse: "2 rue de l'Estuaire",
      services: ["Compréhension du monde numérique"], telephone: "0240000000" }) { id } }`);

    const schema = JSON.parse(await read('standard/schema.json')) as { fields: SchemaField[] };
    const response = await fetch(`${app.url}/api/lieux.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await response.text();
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(schema.fields.map((field) => field.name));
    expect(rows.length).toBe(await placeCount('adresse is not null and commune is not null and code_postal is not null'));
    expect(rows.find((r) => r.nom === 'Café numérique de Lavau')).toMatchObject({
      id: createOrganization.id,
      pivot: '00000000000000',
      source: 'Maillage',
      telephone: '+33240000000',
    });

    const problems: string[] = [];
    for (const [index, record] of rows.entries()) {
      for (const field of schema.fields) {
        const value = record[field.name];
        if (field.constraints?.required && !value) problems.push(`row ${index}: ${field.name} missing`);
        if (value && field.constraints?.pattern && !new RegExp(field.constraints.pattern, 'u').test(value))
          problems.push(`row ${index}: ${field.name} = ${value}`);
        if (value && field.constraints?.maxLength && value.length > field.constraints.maxLength)
          problems.push(`row ${index}: ${field.name} too long`);
        if (value && field.type === 'number' && !Number.isFinite(Number(value))) problems.push(`row ${index}: ${field.name} not a number`);
        if (value && field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push(`row ${index}: ${field.name} not a date`);
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);

    const json = await (await fetch(`${app.url}/api/lieux.json`)).json();
    expect(json).toHaveLength(rows.length);
    expect(json.find((r: any) => r.nom === 'Café numérique de Lavau')).toMatchObject({
      commune: 'Lavau-sur-Loire',
      services: 'Compréhension du monde numérique',
    });
  });

  it('import(export) changes nothing, in CSV and in JSON', async () => {
    const before = await placeCount();
    const csv = await (await fetch(`${app.url}/api/lieux.csv`)).text();
    const fromCsv = await importPlaces(csv);
    expect(fromCsv).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(fromCsv.unchanged).toBe(fromCsv.total);
    const json = await (await fetch(`${app.url}/api/lieux.json`)).text();
    const fromJson = await importPlaces(json);
    expect(fromJson).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(await placeCount()).toBe(before);
  });
});
