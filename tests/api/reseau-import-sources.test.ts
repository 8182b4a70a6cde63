import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, sql } from '../../server/src/db/sql.js';
import { placesNearStatement } from '../../server/src/modules/reseau/import-lookup.js';
import { signUpAdmin, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

// Issue #14, points 1, 5, 7, 9: a place's identity is its id within its source; other sources are linked.

const IMPORT = `mutation ($input: ImportPlacesInput!) { importPlaces(input: $input) {
  source total created updated linked unchanged rejected
  rows { line name sourceId outcome place { id slug name } fields reasons notes } } }`;
const PLACE = `query ($slug: String) { organization(slug: $slug) {
  name horaires telephone presentationResume dateMaj source sources { source sourceId dateMaj } } }`;

const COLUMNS = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'latitude', 'longitude', 'date_maj', 'horaires'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number] | 'telephone' | 'presentation_resume' | 'source', string | number>>;
/** A CSV with the columns the rows use. */
const csv = (rows: Row[]) => {
  const columns = [...new Set([...COLUMNS, ...rows.flatMap((row) => Object.keys(row))])] as Array<keyof Row>;
  return [columns.join(','), ...rows.map((row) => columns.map((c) => `"${String(row[c] ?? '').replace(/"/g, '""')}"`).join(','))].join(
    '\n',
  );
};
const place = (overrides: Row): Row => ({
  pivot: '00000000000000',
  commune: 'Savenay',
  code_postal: '44260',
  adresse: '1 rue du Sillon',
  date_maj: '2025-01-10',
  horaires: 'Mo-Fr 09:00-12:00',
  ...overrides,
});

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app, 'Équipe Maillage');
});
afterAll(async () => {
  await app?.close();
});

const importPlaces = async (content: string, source?: string) => (await admin.data(IMPORT, { input: { content, source } })).importPlaces;
const placeBySlug = async (slug: string) => (await app.client().data(PLACE, { slug })).organization;
async function count(where: string): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select count(*)::int as n from organization where ${where}`);
  return row.n;
}

describe('identity per source', () => {
  it('keeps every place when two sources both number their rows 1, 2, 3, in either order', async () => {
    for (const [first, second, latitude] of [
      ['Source A', 'Source B', 45],
      ['Source D', 'Source C', 46],
    ] as const) {
      const file = (source: string, offset: number) =>
        csv(
          [1, 2, 3].map((n) =>
            place({
              id: n,
              nom: `${source} lieu ${n}`,
              latitude: latitude + offset + n * 0.1,
              longitude: 2,
              adresse: `${n} place ${source}`,
            }),
          ),
        );
      expect(await importPlaces(file(first, 0), first)).toMatchObject({ created: 3, updated: 0, linked: 0, unchanged: 0 });
      const report = await importPlaces(file(second, 0.05), second);
      expect(report).toMatchObject({ created: 3, updated: 0, linked: 0, unchanged: 0 });
      expect(report.rows.map((row: any) => [row.sourceId, row.outcome])).toEqual([
        ['1', 'CREATED'],
        ['2', 'CREATED'],
        ['3', 'CREATED'],
      ]);
      // Nothing of the first source was overwritten, and its re-import finds its own places.
      expect(await importPlaces(file(first, 0), first)).toMatchObject({ created: 0, updated: 0, linked: 0, unchanged: 3 });
      expect(await count(`name like '${first} lieu %'`)).toBe(3);
      expect(await count(`name like '${second} lieu %'`)).toBe(3);
    }
  });

  it('keeps three places with the same SIRET a few km apart: 3 created, 3 in the export', async () => {
    const pivot = '21440195000017';
    const report = await importPlaces(
      csv([
        place({ id: 'med-1', pivot, nom: 'Médiathèque Jules Verne', latitude: 47.2, longitude: -1.55 }),
        place({ id: 'med-2', pivot, nom: 'Médiathèque Jacques Demy', latitude: 47.23, longitude: -1.6, adresse: '24 quai de la Fosse' }),
        place({
          id: 'med-3',
          pivot,
          nom: 'Médiathèque Floresca Guépin',
          latitude: 47.25,
          longitude: -1.52,
          adresse: '15 rue de la Haluchère',
        }),
      ]),
      'Ville de Nantes',
    );
    expect(report).toMatchObject({ source: 'Ville de Nantes', created: 3, updated: 0, linked: 0, unchanged: 0, rejected: 0 });
    const exported = (await (await fetch(`${app.url}/api/lieux.json`)).json()) as Array<Record<string, string>>;
    const samePivot = exported.filter((record) => record.pivot === pivot);
    expect(samePivot.map((record) => record.nom).sort()).toEqual([
      'Médiathèque Floresca Guépin',
      'Médiathèque Jacques Demy',
      'Médiathèque Jules Verne',
    ]);
    expect(new Set(samePivot.map((record) => record.id)).size).toBe(3);
    expect(samePivot.every((record) => record.source === 'Ville de Nantes')).toBe(true);
  });

  it('links the same place from another source (same SIRET within 100 m): the newest date_maj wins field by field', async () => {
    const pivot = '21440196000023';
    const national = place({
      id: 'cn-77',
      pivot,
      nom: 'Médiathèque de Savenay',
      latitude: 47.3612,
      longitude: -1.9421,
      date_maj: '2025-03-03',
      horaires: 'Mo-Fr 09:00-12:00',
    });
    const first = await importPlaces(csv([national]), 'Cartographie nationale');
    expect(first).toMatchObject({ created: 1 });
    const created = first.rows[0].place;

    // A network's file, newer, its own id "7", the same SIRET 30 m away, another spelling of the name.
    const network = place({
      id: 7,
      pivot,
      nom: 'Médiathèque Savenay',
      latitude: 47.36147,
      longitude: -1.9421,
      date_maj: '2026-01-10',
      horaires: 'Mo-Sa 09:00-18:00',
      telephone: '02 40 12 34 56',
    });
    const linked = await importPlaces(csv([network]), 'Réseau du Sillon');
    expect(linked).toMatchObject({ created: 0, updated: 0, linked: 1, unchanged: 0 });
    expect(linked.rows[0]).toMatchObject({ sourceId: '7', outcome: 'LINKED', place: { id: created.id, name: 'Médiathèque de Savenay' } });
    expect(linked.rows[0].fields).toEqual(expect.arrayContaining(['nom', 'horaires', 'téléphone', 'source']));

    // The national source comes back with a newer row than its own, older than the network's: only what
    // the network did not give is taken; the network's hours stay.
    const older = await importPlaces(
      csv([{ ...national, date_maj: '2025-06-01', horaires: 'Tu 10:00-12:00', presentation_resume: 'Ateliers numériques le mardi.' }]),
      'Cartographie nationale',
    );
    expect(older).toMatchObject({ created: 0, updated: 1, linked: 0 });
    expect(older.rows[0]).toMatchObject({ outcome: 'UPDATED', fields: ['présentation courte'], place: { id: created.id } });

    const page = await placeBySlug(created.slug);
    expect(page).toMatchObject({
      name: 'Médiathèque Savenay',
      horaires: 'Mo-Sa 09:00-18:00',
      telephone: '+33240123456',
      presentationResume: 'Ateliers numériques le mardi.',
      dateMaj: '2026-01-10',
    });
    // Point 9: the place says where its data comes from, and of when.
    expect(page.sources).toEqual([
      { source: 'Réseau du Sillon', sourceId: '7', dateMaj: '2026-01-10' },
      { source: 'Cartographie nationale', sourceId: 'cn-77', dateMaj: '2025-06-01' },
    ]);

    // Re-importing either file changes nothing.
    expect(await importPlaces(csv([network]), 'Réseau du Sillon')).toMatchObject({ created: 0, updated: 0, linked: 0, unchanged: 1 });
    expect(await count(`pivot = '${pivot}'`)).toBe(1);
  });

  it('refuses a file that does not say who collected the data, and takes the source from the rows when they say it', async () => {
    const file = csv([place({ id: 'sans-source', nom: 'Lieu sans source', latitude: 44, longitude: 1 })]);
    const refused = await admin.error(IMPORT, { input: { content: file } });
    expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/ne dit pas qui a collecté les données \(pas de colonne «\u00a0source\u00a0»\)/);
    expect(await count(`name = 'Lieu sans source'`)).toBe(0);

    const withColumn = await importPlaces(csv([place({ id: 'x-1', nom: 'Lieu avec source', source: 'dora', latitude: 44, longitude: 1 })]));
    expect(withColumn).toMatchObject({ source: null, created: 1 });
    expect((await placeBySlug(withColumn.rows[0].place.slug)).sources).toEqual([
      { source: 'dora', sourceId: 'x-1', dateMaj: '2025-01-10' },
    ]);
  });
});

describe('a large directory', () => {
  it('finds nearby places through the gist index, never by reading the whole table', async () => {
    // With sequential scans priced out, a statement that cannot use the index still shows "Seq Scan".
    const plan = await app.orm.em.fork().transactional(async (tx) => {
      await query(tx, sql`set local enable_seqscan = off`);
      return query<{ 'QUERY PLAN': string }>(tx, sql`explain ${placesNearStatement([{ k: 1, lat: 47.36, lng: -1.94 }])}`);
    });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toMatch(/organization_point_index/);
    expect(text).not.toMatch(/Seq Scan on organization/);
  });

  it('imports 1,200 rows in a few statements per batch of 500, whatever the size of the directory', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      place({ id: `gros-${i}`, nom: `Lieu en nombre ${i}`, latitude: 43 + (i % 40) * 0.02, longitude: 3 + Math.floor(i / 40) * 0.02 }),
    );
    const { result, statements } = await app.countStatements(() => importPlaces(csv(rows), 'Gros fichier'));
    expect(result).toMatchObject({ total: 1_200, created: 1_200, rejected: 0 });
    // 3 batches; each: 3 to 5 lookups, slugs, the inserts; plus the session, the lock and the transaction.
    expect(statements).toBeLessThanOrEqual(40);
    const again = await app.countStatements(() => importPlaces(csv(rows), 'Gros fichier'));
    expect(again.result).toMatchObject({ created: 0, unchanged: 1_200 });
    expect(again.statements).toBeLessThanOrEqual(40);
  });
});

describe('open data round trip', () => {
  it('imports the export into an empty database and gets the same directory, places sharing a SIRET included', async () => {
    const exported = await (await fetch(`${app.url}/api/lieux.json`)).text();
    const empty = await startTestApp();
    try {
      const other = await signUpAdmin(empty, 'Autre instance');
      const report = (await other.data(IMPORT, { input: { content: exported } })).importPlaces;
      const records = JSON.parse(exported) as Array<Record<string, string>>;
      expect(report).toMatchObject({ total: records.length, created: records.length, linked: 0, rejected: 0 });
      const again = (await (await fetch(`${empty.url}/api/lieux.json`)).json()) as Array<Record<string, string>>;
      const withoutId = (list: Array<Record<string, string>>) =>
        list.map(({ id: _id, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(withoutId(again)).toEqual(withoutId(records));
      expect(again.filter((record) => record.pivot === '21440195000017')).toHaveLength(3);
    } finally {
      await empty.close();
    }
  });
});
