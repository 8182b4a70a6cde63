import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_EVENT, eventInput } from '../helpers/agenda.js';
import { establishAccountInDb, signUp, startTestApp, type TestApp } from '../helpers/api.js';

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`;
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const PUBLISH_POST = `mutation ($input: PublishTimebankPostInput!) { publishTimebankPost(input: $input) { id } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('Migration20261211100000_commune_spelling_everywhere', () => {
  it('respells the communes stored in capitals on profiles, questions, events (with their postcode), projects and time-bank posts, and leaves the others', async () => {
    const client = app.client();
    const member = await signUp(client, 'Maëlle Capitales');
    await establishAccountInDb(app, member.id);
    const other = await signUp(app.client(), 'Yves Minuscules');
    const { createOrganization: organization } = await client.data(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'Fabrique numérique du Petit Maroc' } },
    );
    const question = async (title: string) =>
      (await client.data(ASK, { input: { title, body: 'Je cherche quelqu’un qui connaît bien le sujet.', tags: ['smartphone'] } }))
        .askQuestion.id as string;
    const event = async (title: string) =>
      (await client.data(CREATE_EVENT, { input: eventInput(organization.id, { title }) })).createEvent.id as string;
    const project = async (title: string) =>
      (
        await client.data(CREATE_PROJECT, {
          input: { holderId: organization.id, title, summary: 'Appeler et lire ses messages sans se perdre.', stage: 'BETA' },
        })
      ).createProject.id as string;
    const post = async (title: string) =>
      (
        await client.data(PUBLISH_POST, {
          input: { kind: 'OFFER', title, description: 'Je montre comment préparer une impression simple.', category: 'MATERIEL' },
        })
      ).publishTimebankPost.id as string;

    // Rows as they were stored before a commune in capitals was respelled on write: [table, id, commune, postcode, spelling].
    const rows: Array<[string, string, string, string | null, string]> = [
      ['app_user', member.id, 'SAINT-NAZAIRE', null, 'Saint-Nazaire'],
      ['app_user', other.id, 'saint-nazaire', null, 'saint-nazaire'],
      // Without a postcode, two communes of that name (Cherré-Au and its commune déléguée Cherreau): French capitals.
      ['question', await question('Où faire réparer une tablette ?'), 'CHERRÉ-AU', null, 'Cherré-au'],
      ['question', await question('Qui prête des ordinateurs portables ?'), 'ST NAZAIRE', null, 'Saint-Nazaire'],
      // An event's postcode tells which commune: 72400 is Cherré-Au's.
      ['agenda_event', await event('Atelier tablette à Cherré-Au'), 'CHERRÉ-AU', '72400', 'Cherré-Au'],
      ['agenda_event', await event('Atelier smartphone au Petit Maroc'), 'ST NAZAIRE', '44600', 'Saint-Nazaire'],
      ['project', await project('Appli simplifiée pour les aînés'), 'SAINT-NAZAIRE', null, 'Saint-Nazaire'],
      ['project', await project('Carte des ateliers de quartier'), 'saint-nazaire', null, 'saint-nazaire'],
      ['timebank_post', await post('Initiation à l’imprimante 3D'), 'LA CHAPELLE LAUNAY', null, 'La Chapelle-Launay'],
      // No letter to respell (a postcode typed for the commune): left as it is, and not rewritten again.
      ['timebank_post', await post('Prêt de tablettes pour un atelier'), '44600', null, '44600'],
    ];
    const connection = app.orm.em.getConnection();
    for (const [table, id, commune, postcode] of rows) {
      await connection.execute(`update ${table} set commune = ? where id = ?`, [commune, id]);
      if (postcode) await connection.execute(`update ${table} set postal_code = ? where id = ?`, [postcode, id]);
    }
    // More members than a page holds: the first page is rewritten by one statement, the rest by a second.
    await connection.execute(
      `insert into app_user (id, email, display_name, commune)
         select gen_random_uuid(), 'page-' || n || '@exemple.fr', 'Membre ' || n, 'SAVENAY' from generate_series(1, 1000) n`,
    );
    const stored = async () =>
      Promise.all(
        rows.map(async ([table, id]) => {
          const [row] = await connection.execute(`select commune, updated_at from ${table} where id = ?`, [id]);
          return { table, commune: row.commune as string, updatedAt: new Date(row.updated_at).getTime() };
        }),
      );
    const before = await stored();

    const { Migration20261211100000_commune_spelling_everywhere: CommuneSpellingEverywhere } = createRequire(import.meta.url)(
      '../../migrations/Migration20261211100000_commune_spelling_everywhere.js',
    );
    for (const run of [1, 2]) {
      const migration = new CommuneSpellingEverywhere(app.orm.em.getDriver(), app.orm.config);
      const { sql } = await app.countStatements(() => migration.up());
      expect(migration.getQueries(), `run ${run}`).toEqual([]);
      // One statement for each page with a commune to respell the first time; nothing left to write the second.
      expect(
        sql.filter((statement) => /^\s*update/i.test(statement)).map((statement) => statement.match(/^\s*update "(\w+)"/i)?.[1]),
        `run ${run}`,
      ).toEqual(run === 1 ? ['app_user', 'app_user', 'question', 'agenda_event', 'project', 'timebank_post'] : []);
      // Respelled, and not made news: the row's last change stays the writer's.
      expect(await stored(), `run ${run}`).toEqual(
        rows.map(([table, , , , spelling], i) => ({ table, commune: spelling, updatedAt: before[i].updatedAt })),
      );
    }
    expect(await connection.execute(`select commune, count(*)::int from app_user where email like 'page-%' group by commune`)).toEqual([
      { commune: 'Savenay', count: 1000 },
    ]);
    // What the member's profile shows.
    expect((await app.client().data(`query ($id: ID!) { user(id: $id) { commune } }`, { id: member.id })).user.commune).toBe(
      'Saint-Nazaire',
    );
  });
});
