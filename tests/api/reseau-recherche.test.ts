import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, sql } from '../../server/src/db/sql.js';
import { searchWordsTable } from '../../server/src/modules/reseau/search-words.js';
import { ENUMERATED_FIELDS, VOCABULARY } from '../../server/src/modules/reseau/standard.js';
import { grantRoleInDb, signUp, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
const CREATE = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const SEARCH = `query ($search: String, $commune: String, $typologie: [String!], $dispositifProgrammesNationaux: [String!], $itinerance: [String!],
  $formationsLabels: [String!], $near: DirectoryNearInput) {
  organizations(first: 50, search: $search, commune: $commune, typologie: $typologie, dispositifProgrammesNationaux: $dispositifProgrammesNationaux,
    itinerance: $itinerance, formationsLabels: $formationsLabels, near: $near) {
    totalCount edges { node { name } } } }`;

const SENIORS = 'Espace seniors connectés';
const MEDIATHEQUE = 'Médiathèque Anne-de-Bretagne';
const MAISON_FS = 'Maison France Services de Pornichet';
const MAIRIE = 'Mairie de Guérande';
const CENTRE_SOCIAL = 'Centre social Lamartine';
const BUS = 'Bus numérique de la presqu’île';

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  const { id } = await signUp(admin, 'Camille Le Goff');
  await grantRoleInDb(app, id, 'admin');
  const place = (name: string, fields: Record<string, unknown>) => admin.data(CREATE, { input: { name, ...fields } });
  await place(SENIORS, {
    commune: 'Saint-Nazaire',
    codePostal: '44600',
    latitude: 47.2735,
    longitude: -2.2138,
    services: ['Maîtrise des outils numériques du quotidien'],
    publicsSpecifiquementAdresses: ['Seniors'],
    modalitesAccompagnement: ['Dans un atelier collectif'],
  });
  await place(MEDIATHEQUE, {
    commune: 'Saint-Nazaire',
    codePostal: '44600',
    latitude: 47.2801,
    longitude: -2.2101,
    typologie: ['BIB'],
    services: ['Maîtrise des outils numériques du quotidien'],
    publicsSpecifiquementAdresses: ['Seniors'],
    modalitesAccompagnement: ['Accompagnement individuel'],
    formationsLabels: ['Fabriques de Territoire'],
  });
  await place(MAISON_FS, {
    commune: 'Pornichet',
    codePostal: '44380',
    services: ['Aide aux démarches administratives'],
    dispositifProgrammesNationaux: ['France Services', 'Conseillers numériques'],
  });
  await place(MAIRIE, {
    commune: 'Guérande',
    codePostal: '44350',
    typologie: ['MUNI', 'RFS'],
    services: ['Aide aux démarches administratives'],
  });
  await place(CENTRE_SOCIAL, {
    commune: 'Nantes',
    codePostal: '44000',
    presentationResume: 'Nous accueillons aussi la permanence France Services du mardi.',
    modalitesAccompagnement: ['Dans un atelier collectif'],
  });
  await place(BUS, {
    commune: 'Le Croisic',
    codePostal: '44490',
    itinerance: ['Itinérant'],
    services: ['Aide aux démarches administratives'],
    presentationDetail: 'Des services publics près de chez vous.',
  });
});
afterAll(async () => {
  await app?.close();
});

const names = (result: any): string[] => result.organizations.edges.map((edge: any) => edge.node.name);
const search = (variables: Record<string, unknown>) => app.client().data(SEARCH, variables);
const found = async (words: string) => names(await search({ search: words }));

describe('the directory finds what a mediator types', () => {
  it('"atelier smartphone seniors" finds the collective workshops for seniors (the words of the service included)', async () => {
    expect(await found('atelier smartphone seniors')).toEqual([SENIORS]);
    // The individual support for seniors and the workshops for everyone are found on their own words.
    expect(await found('smartphone seniors')).toEqual([SENIORS, MEDIATHEQUE]);
    expect((await found('atelier')).sort()).toEqual([CENTRE_SOCIAL, SENIORS].sort());
  });

  it('"france services" finds the programme, the typology "Réseau France Services" and the presentations, the name first', async () => {
    const list = await found('france services');
    expect(list[0]).toBe(MAISON_FS);
    expect(list.slice(1).sort()).toEqual([CENTRE_SOCIAL, MAIRIE].sort());
    // The presentation counts least.
    expect(list[2]).toBe(CENTRE_SOCIAL);
    expect(await found('France-Services')).toEqual(list);
  });

  it('a postcode finds the places with that postcode, and only them', async () => {
    expect((await found('44600')).sort()).toEqual([MEDIATHEQUE, SENIORS].sort());
    expect(await found('44380')).toEqual([MAISON_FS]);
  });

  it('a commune with or without hyphens, accents or "Saint" in full finds the same places', async () => {
    const expected = [MEDIATHEQUE, SENIORS].sort();
    for (const words of ['saint nazaire', 'Saint-Nazaire', 'SAINT NAZAIRE', 'st nazaire'])
      expect((await found(words)).sort()).toEqual(expected);
    expect(await found('guerande')).toEqual([MAIRIE]);
    for (const commune of ['saint nazaire', 'St Nazaire', 'SAINT-NAZAIRE', 'Saint-Nazaire']) {
      expect(names(await search({ commune })).sort()).toEqual(expected);
    }
    expect(names(await search({ commune: 'Saint' }))).toEqual([]);
    // And around a commune written so.
    expect(names(await search({ near: { commune: 'st nazaire', radiusKm: 5 } })).sort()).toEqual(expected);
  });

  it('typologies are found by their label, programmes by the words people use, and the name counts first', async () => {
    expect(await found('bibliotheque')).toEqual([MEDIATHEQUE]);
    expect(await found('mairie')).toEqual([MAIRIE]);
    expect(await found('CNFS')).toEqual([MAISON_FS]);
    expect(await found('itinerant')).toEqual([BUS]);
    expect(await found('fabriques territoire')).toEqual([MEDIATHEQUE]);
    // "seniors" is in one name and in two publics: the name first.
    expect(await found('seniors')).toEqual([SENIORS, MEDIATHEQUE]);
    expect(await found('piscine')).toEqual([]);
  });

  it('the typology, programme, label and itinerance filters narrow the list', async () => {
    expect(names(await search({ typologie: ['rfs'] }))).toEqual([MAIRIE]);
    expect(names(await search({ dispositifProgrammesNationaux: ['France Services'] }))).toEqual([MAISON_FS]);
    expect(names(await search({ formationsLabels: ['Fabriques de Territoire'] }))).toEqual([MEDIATHEQUE]);
    expect(names(await search({ itinerance: ['Itinérant'] }))).toEqual([BUS]);
    expect(names(await search({ search: 'services', typologie: ['RFS'] }))).toEqual([MAIRIE]);
  });
});

describe('the words indexed in the database', () => {
  it('are those of server/src/modules/reseau/search-words.ts, and a value without more words is indexed as itself', async () => {
    const table = searchWordsTable();
    const values = [...Object.keys(table), ...ENUMERATED_FIELDS.flatMap((field) => [...VOCABULARY[field]])];
    const rows = await query<{ value: string; words: string }>(
      app.orm.em.fork(),
      sql`select v as value, public.organization_search_words(array[v]) as words
            from unnest(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))) as v`,
    );
    for (const row of rows) expect(row.words, row.value).toBe(table[row.value] ?? row.value);
    expect(rows.length).toBe(values.length);
  });
});

const IMPORT = `mutation ($input: ImportPlacesInput!) { importPlaces(input: $input) { total created rejected rejectedRows { line name reasons } } }`;
const row = (id: string, nom: string, commune: string, code_postal: string, code_insee: string) => ({
  id,
  pivot: '12345678901234',
  nom,
  commune,
  code_postal,
  code_insee,
  adresse: '1 place de la Mairie',
  date_maj: '2024-01-10',
  services: 'Aide aux démarches administratives',
  source: 'Essais Maillage',
});

describe('the commune checked against the official list', () => {
  it('on import: a commune that is not the code INSEE’s is refused with its reason; "St", arrondissements and déléguées are taken', async () => {
    const rows = [
      row('commune-1', 'Permanence du port', 'Guérande', '44600', '44184'),
      row('commune-2', 'Espace numérique du Petit Maroc', 'St Nazaire', '44600', '44184'),
      row('commune-3', 'Maison pour tous de la Rouguière', 'MARSEILLE 11', '13011', '13211'),
      row('commune-4', 'Atelier des Fontaines', 'Mansle', '16230', '16206'),
      row('commune-5', 'Point numérique de Méan', 'Saint-Nazaire', '44350', '44184'),
    ];
    const report = (await admin.data(IMPORT, { input: { content: JSON.stringify(rows), format: 'json' } })).importPlaces;
    expect(report).toMatchObject({ total: 5, created: 3, rejected: 2 });
    expect(report.rejectedRows).toEqual([
      {
        line: 1,
        name: 'Permanence du port',
        reasons: [
          french(
            'commune : la commune « Guérande » n’est pas celle du code INSEE 44184, qui est Saint-Nazaire (44184). Corrigez la commune ou le code INSEE.',
          ),
        ],
      },
      {
        line: 5,
        name: 'Point numérique de Méan',
        reasons: [
          french(
            'code postal : le code postal « 44350 » est celui d’autres communes (Guérande, Saint-Molf), pas celui de la commune du code INSEE Saint-Nazaire (44184), dont le code postal est 44600. Corrigez le code postal ou le code INSEE.',
          ),
        ],
      },
    ]);
  });

  it('on the place form: the reason is said next to the commune, and a right commune is saved', async () => {
    const input = { name: 'Cyber-base de Méan', codeInsee: '44184', codePostal: '44600', commune: 'Pornichet' };
    const error = await admin.error(CREATE, { input });
    expect(error.extensions?.fields?.commune).toBe(
      french(
        'La commune « Pornichet » n’est pas celle du code INSEE 44184, qui est Saint-Nazaire (44184). Corrigez la commune ou le code INSEE.',
      ),
    );
    await admin.data(CREATE, { input: { ...input, commune: 'SAINT NAZAIRE' } });
    expect(await found('cyber base')).toEqual(['Cyber-base de Méan']);
  });

  it('a commune written in capitals, by a file or on the form, is kept as the official list spells it', async () => {
    const rows = [
      row('capitales-1', 'Espace public numérique des Thermes', 'DIGNE-LES-BAINS', '04000', '04070'),
      row('capitales-2', 'Point numérique du quartier', 'MARSEILLE 11', '13011', '13211'),
    ];
    expect((await admin.data(IMPORT, { input: { content: JSON.stringify(rows), format: 'json' } })).importPlaces).toMatchObject({
      created: 2,
    });
    const created = await admin.data(CREATE, { input: { name: 'Cyber-café du Petit Maroc', commune: 'ST NAZAIRE', codePostal: '44600' } });
    const communeOf = async (search: string) =>
      (
        await admin.data(`query ($search: String) { organizations(first: 5, search: $search) { edges { node { commune } } } }`, { search })
      ).organizations.edges.map(({ node }: { node: { commune: string } }) => node.commune);
    expect(await communeOf('Espace public numérique des Thermes')).toEqual(['Digne-les-Bains']);
    expect(await communeOf('Point numérique du quartier')).toEqual(['Marseille 11']);
    expect(
      (await admin.data(`query ($id: ID!) { organization(id: $id) { commune } }`, { id: created.createOrganization.id })).organization
        .commune,
    ).toBe('Saint-Nazaire');
  });
});

describe('Migration20261210100000_commune_spelling', () => {
  it('respells the communes of places stored in capitals before the import and the form did, and leaves the others', async () => {
    const placeIn = async (name: string, commune: string, codePostal: string) => {
      const { id } = (await admin.data(CREATE, { input: { name, commune: 'Saint-Nazaire', codePostal } })).createOrganization;
      // As the place was stored before a commune in capitals was respelled on write.
      await app.orm.em.getConnection().execute(`update organization set commune = ? where id = ?`, [commune, id]);
      return id as string;
    };
    const capitals = await placeIn('Atelier numérique du Petit Maroc', 'ST NAZAIRE', '44600');
    const apostrophes = await placeIn('Tiers-lieu des Chênes', "L'ISLE D'ABEAU LES CHÊNES", '38080');
    const spelled = await placeIn('Cyber-café de Méan', 'Saint Nazaire', '44600');
    const communeOf = async (id: string) =>
      (await admin.data(`query ($id: ID!) { organization(id: $id) { commune } }`, { id })).organization.commune;

    const { Migration20261210100000_commune_spelling: CommuneSpelling } = createRequire(import.meta.url)(
      '../../migrations/Migration20261210100000_commune_spelling.js',
    );
    for (const run of [1, 2]) {
      const migration = new CommuneSpelling(app.orm.em.getDriver(), app.orm.config);
      await migration.up();
      expect(migration.getQueries(), `run ${run}`).toEqual([]);
      expect(await communeOf(capitals), `run ${run}`).toBe('Saint-Nazaire');
      expect(await communeOf(apostrophes), `run ${run}`).toBe("L'Isle d'Abeau les Chênes");
      expect(await communeOf(spelled), `run ${run}`).toBe('Saint Nazaire');
    }
  });
});
