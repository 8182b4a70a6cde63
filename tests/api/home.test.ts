import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeFeedProviders } from '../../server/src/modules/registry.js';
import { grantRoleInDb, signUp, startTestApp, type TestApp } from '../helpers/api.js';

const HOME = `query ($departement: String, $near: NearInput, $perSection: Int) {
  home(departement: $departement, near: $near, perSection: $perSection) {
    sections { kind label items { kind id title summary link at departement place } }
    figures { key label value }
    forMe { kind label items { kind title link } }
  } }`;

let app: TestApp;
const sql = <T = any>(query: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(query, params);

beforeAll(async () => {
  app = await startTestApp();
});

/** A question of the entraide section, written straight into its table. */
async function insertQuestion(authorId: string, title: string, departement: string): Promise<string> {
  const [row] = await sql(`insert into question (id, author_id, title, body, departement) values (gen_random_uuid(), ?, ?, 'Une question posée au réseau.', ?) returning id`, [authorId, title, departement]);
  return row.id;
}
afterAll(async () => {
  await app?.close();
});

async function member(name: string, departement: string) {
  const client = app.client();
  const { id } = await signUp(client, name);
  await client.data(`mutation ($d: String) { updateProfile(input: { departement: $d, metier: CONSEILLER_NUMERIQUE, commune: "Savenay" }) { id } }`, { d: departement });
  return { client, id };
}

describe('home page', () => {
  it('shows each section’s latest items with their kind, and the network’s figures', async () => {
    const camille = await member('Camille Accueil', '44');
    await member('Nadia Charente', '16');
    await camille.client.data(`mutation { createOrganization(input: { name: "Amicale laïque de Savenay", kind: LIEU }) { id } }`);
    await camille.client.data(`mutation { createOrganization(input: { name: "Réseau Estuaire et Sillon", kind: RESEAU }) { id } }`);
    await insertQuestion(camille.id, 'Comment ouvrir un compte Ameli ?', '44');
    await insertQuestion(camille.id, 'Question masquée', '44');
    await sql(`update question set hidden_at = now() where title = 'Question masquée'`);

    const { home } = await app.client().data(HOME);
    expect(home.sections.map((s: any) => s.kind)).toEqual(homeFeedProviders.map((provider) => provider.kind));
    expect(home.sections.map((s: any) => s.kind)).toEqual(expect.arrayContaining(['entraide.question', 'reseau.organisation', 'reseau.membre']));
    const section = (kind: string) => home.sections.find((s: any) => s.kind === kind);
    const questions = section('entraide.question');
    expect(questions.label).toBe('Questions récentes');
    expect(questions.items.map((i: any) => i.title)).toEqual(['Comment ouvrir un compte Ameli ?']);
    expect(questions.items[0].kind).toBe('entraide.question');
    const organizations = section('reseau.organisation').items;
    expect(organizations[0]).toMatchObject({ kind: 'reseau.organisation', title: 'Réseau Estuaire et Sillon', summary: 'Réseau local', link: '/organisations/reseau-estuaire-et-sillon' });
    expect(section('reseau.membre').items[0]).toMatchObject({ kind: 'reseau.membre', title: 'Nadia Charente', summary: 'Conseiller·e numérique', departement: '16', place: 'Savenay' });
    const figures = Object.fromEntries(home.figures.map((f: any) => [f.key, f.value]));
    expect(figures).toMatchObject({ lieux: 1, reseaux: 1, membres: 2, questions_repondues: 0, heures_echangees: 0, evenements_a_venir: 0 });
    expect(home.figures.find((f: any) => f.key === 'lieux').label).toBe('lieux de médiation');
    expect(home.forMe).toEqual([]);
  });

  it('filters by département, and sections without places stay empty rather than misleading', async () => {
    const { home } = await app.client().data(HOME, { departement: '16' });
    const byKind = Object.fromEntries(home.sections.map((s: any) => [s.kind, s.items]));
    expect(byKind['reseau.membre'].map((i: any) => i.title)).toEqual(['Nadia Charente']);
    expect(byKind['entraide.question']).toEqual([]);
    expect(byKind['reseau.organisation']).toEqual([]);
    const near = (await app.client().data(HOME, { near: { lat: 47.36, lng: -1.94, radiusKm: 20 } })).home;
    expect(near.sections.find((s: any) => s.kind === 'reseau.membre').items).toEqual([]);
  });

  it('refuses an unknown département and a wrong distance, field by field', async () => {
    const error = await app.client().error(HOME, { departement: '99' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields?.departement).toMatch(/inconnu/);
    const far = await app.client().error(HOME, { near: { lat: 47, lng: -1, radiusKm: 5000 } });
    expect(far.extensions?.fields?.near).toMatch(/entre 1 et 200 km/);
  });

  it('shows a signed-in member what concerns them; moderators also see reports waiting', async () => {
    const { client, id } = await member('Karim Concerné', '44');
    await sql(`insert into notification (id, recipient_id, kind, message, link) values (gen_random_uuid(), ?, 'entraide.answer', 'Nouvelle réponse à votre question', '/entraide/questions/1')`, [id]);
    const forMe = (await client.data(HOME)).home.forMe;
    expect(forMe.map((s: any) => s.kind)).toEqual(['notification', 'entraide.answer', 'agenda.registration', 'timebank.exchange', 'moderation.queue']);
    expect(forMe[0].items).toEqual([{ kind: 'notification', title: 'Nouvelle réponse à votre question', link: '/entraide/questions/1' }]);
    expect(forMe.slice(1).every((s: any) => s.items.length === 0)).toBe(true);

    const moderator = app.client();
    const mod = await signUp(moderator, 'Hélène Accueil');
    await grantRoleInDb(app, mod.id, 'moderator');
    await client.data(`mutation ($id: ID!) { reportContent(input: { contentType: "profile", contentId: $id, reason: SPAM }) { alreadyReported } }`, { id: mod.id });
    const waiting = (await moderator.data(HOME)).home.forMe.find((s: any) => s.kind === 'moderation.queue');
    expect(waiting.items).toEqual([{ kind: 'moderation.queue', title: '1 contenu signalé attend votre décision', link: '/moderation' }]);
  });

  it('costs the same number of statements for 2 and for 20 items per section', async () => {
    const { client, id } = await member('Compteur Accueil', '44');
    for (let i = 0; i < 20; i++) await insertQuestion(id, `Question ${i}`, '44');
    const small = await app.countStatements(() => client.data(HOME, { perSection: 2 }));
    const large = await app.countStatements(() => client.data(HOME, { perSection: 20 }));
    const questions = (result: any) => result.home.sections.find((s: any) => s.kind === 'entraide.question').items;
    expect(questions(large.result)).toHaveLength(20);
    expect(questions(small.result)).toHaveLength(2);
    expect(large.statements).toBe(small.statements);
  });
});
