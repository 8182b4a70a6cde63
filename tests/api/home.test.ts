import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql as statement } from '../../server/src/db/sql.js';
import { say } from '../../server/src/i18n/lang.js';
import { installSections } from '../../server/src/modules/commun/plugs.js';
import { defineSection } from '../../server/src/modules/commun/section.js';
import { sections } from '../../server/src/sections.js';
import { CREATE_EVENT, eventInput, organizer, parisLocal } from '../helpers/agenda.js';
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
  // A stand-in for a section on another branch (e.g. entraide's questions), plugged in the way sections do.
  await sql(`create table test_question (id uuid primary key default gen_random_uuid(), title text not null, departement text,
             created_at timestamptz not null default now(), hidden_at timestamptz)`);
  const testSection = defineSection({
    name: 'test',
    label: say('Test', 'Test'),
    tables: ['test_question'],
    entities: [],
    resolvers: [],
    myData: [],
    home: {
      feeds: [
        {
          position: 0,
          kind: 'entraide.question',
          label: say('Questions récentes', 'Latest questions'),
          query: (filter, limit) =>
            statement`select id, title, null::text as summary, '/entraide/questions/' || id as link, created_at as at, departement, null::text as place
                  from test_question where hidden_at is null and (${filter.departement ?? null}::text is null or departement = ${filter.departement ?? null})
                 order by created_at desc limit ${limit}`,
        },
      ],
    },
  });
  installSections([testSection, ...sections]);
});
afterAll(async () => {
  await app?.close();
});

async function member(name: string, departement: string) {
  const client = app.client();
  const { id } = await signUp(client, name);
  await client.data(
    `mutation ($d: String) { updateProfile(input: { departement: $d, metier: CONSEILLER_NUMERIQUE, commune: "Savenay" }) { id } }`,
    { d: departement },
  );
  return { client, id };
}

describe('home page', () => {
  it('shows each section’s latest items with their kind, and the network’s figures', async () => {
    const camille = await member('Camille Accueil', '44');
    await member('Nadia Charente', '16');
    await camille.client.data(`mutation { createOrganization(input: { name: "Amicale laïque de Savenay", kind: LIEU }) { id } }`);
    await camille.client.data(
      `mutation { createOrganization(input: { name: "Mairie de Malville", kind: LIEU, typologie: ["MUNI"],
        services: ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Loisirs et créations numériques"] }) { id } }`,
    );
    await camille.client.data(
      `mutation { createOrganization(input: { name: "Médiathèque de Campbon", kind: LIEU, presentationResume: "Des ateliers pour tous les âges, le mercredi.",
        services: ["Loisirs et créations numériques"] }) { id } }`,
    );
    await camille.client.data(`mutation { createOrganization(input: { name: "Réseau Estuaire et Sillon", kind: RESEAU }) { id } }`);
    await sql(
      `insert into test_question (title, departement) values ('Comment ouvrir un compte Ameli ?', '44'), ('Question masquée', '44')`,
    );
    await sql(`update test_question set hidden_at = now() where title = 'Question masquée'`);

    const { home } = await app.client().data(HOME);
    const byKind = (kind: string) => home.sections.find((s: any) => s.kind === kind);
    expect(home.sections.map((s: any) => s.kind)).toEqual([
      'entraide.question',
      'entraide.question',
      'timebank.offer',
      'timebank.request',
      'agenda.event',
      'ressources.nouvelle',
      'projets.campaign',
      'reseau.organisation',
      'reseau.membre',
    ]);
    const questions = home.sections[0];
    expect(questions.label).toBe('Questions récentes');
    expect(questions.items.map((i: any) => i.title)).toEqual(['Comment ouvrir un compte Ameli ?']);
    expect(questions.items[0].kind).toBe('entraide.question');
    const organizations = byKind('reseau.organisation').items;
    expect(organizations[0]).toMatchObject({
      kind: 'reseau.organisation',
      title: 'Réseau Estuaire et Sillon',
      summary: 'Réseau local',
      link: '/organisations/reseau-estuaire-et-sillon',
    });
    // A place says what it offers rather than "Lieu": its summary, else its first services.
    expect(Object.fromEntries(organizations.map((item: any) => [item.title, item.summary]))).toMatchObject({
      'Mairie de Malville': 'Aide aux démarches administratives · Maîtrise des outils numériques du quotidien',
      'Médiathèque de Campbon': 'Des ateliers pour tous les âges, le mercredi.',
      'Amicale laïque de Savenay': 'Lieu',
    });
    expect(byKind('reseau.membre').items[0]).toMatchObject({
      kind: 'reseau.membre',
      title: 'Nadia Charente',
      summary: 'Conseiller ou conseillère numérique',
      departement: '16',
      place: 'Savenay',
    });
    const figures = Object.fromEntries(home.figures.map((f: any) => [f.key, f.value]));
    expect(figures).toEqual({ lieux: 3, reseaux: 1, membres: 2, questions_resolues: 0, heures_echangees: 0, evenements_a_venir: 0 });
    // Each label agrees with its number, French counting 0 and 1 as one: "3 lieux de médiation", "1 réseau local", "0 question résolue".
    const labels = Object.fromEntries(home.figures.map((f: any) => [f.key, f.label]));
    expect(labels).toMatchObject({
      lieux: 'lieux de médiation',
      reseaux: 'réseau local',
      membres: 'membres',
      questions_resolues: 'question résolue',
    });
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

  it('lists each section in its own order: the newest questions first, the soonest events first', async () => {
    await sql(
      `insert into test_question (title, departement, created_at) values ('Question d’hier', '29', now() - interval '1 day'), ('Question du jour', '29', now())`,
    );
    const { client, organization } = await organizer(app, 'Médiathèque de Quimper');
    const publish = (title: string, days: number) =>
      client.data(CREATE_EVENT, {
        input: eventInput(organization.id, {
          title,
          localStart: parisLocal(days, '14:00'),
          localEnd: parisLocal(days, '16:00'),
          postalCode: '29000',
          commune: 'Quimper',
        }),
      });
    await publish('Atelier dans trois semaines', 21);
    await publish('Atelier dans dix jours', 10);

    const { home } = await app.client().data(HOME, { departement: '29' });
    const titles = (kind: string) => home.sections.find((s: any) => s.kind === kind && s.items.length > 0)?.items.map((i: any) => i.title);
    expect(titles('entraide.question')).toEqual(['Question du jour', 'Question d’hier']);
    expect(titles('agenda.event')).toEqual(['Atelier dans dix jours', 'Atelier dans trois semaines']);
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
    await sql(
      `insert into notification (id, recipient_id, kind, message, link) values (gen_random_uuid(), ?, 'entraide.answer', 'Nouvelle réponse à votre question', '/entraide/questions/1')`,
      [id],
    );
    const forMe = (await client.data(HOME)).home.forMe;
    expect(forMe.map((s: any) => s.kind)).toEqual([
      'notification',
      'entraide.answer',
      'agenda.registration',
      'timebank.exchange',
      'moderation.queue',
    ]);
    expect(forMe[0].items).toEqual([{ kind: 'notification', title: 'Nouvelle réponse à votre question', link: '/entraide/questions/1' }]);
    expect(forMe.find((s: any) => s.kind === 'moderation.queue').items).toEqual([]);

    const moderator = app.client();
    const mod = await signUp(moderator, 'Hélène Accueil');
    await grantRoleInDb(app, mod.id, 'moderator');
    await client.data(
      `mutation ($id: ID!) { reportContent(input: { contentType: "profile", contentId: $id, reason: SPAM }) { alreadyReported } }`,
      { id: mod.id },
    );
    const waiting = (await moderator.data(HOME)).home.forMe.find((s: any) => s.kind === 'moderation.queue');
    expect(waiting.items).toEqual([{ kind: 'moderation.queue', title: '1 contenu signalé attend votre décision', link: '/moderation' }]);

    // The number is written by the provider's ICU message, in the reader's language.
    const other = await member('Zoé Signalée', '44');
    await client.data(
      `mutation ($id: ID!) { reportContent(input: { contentType: "profile", contentId: $id, reason: SPAM }) { alreadyReported } }`,
      { id: other.id },
    );
    const two = (await moderator.data(HOME)).home.forMe.find((s: any) => s.kind === 'moderation.queue');
    expect(two.items[0].title).toBe('2 contenus signalés attendent votre décision');
  });

  it('writes the latest questions’ answers with ICU plurals and grouped digits, in the reader’s language', async () => {
    const asker = await member('Yann Questions', '29');
    const ask = (title: string) =>
      asker.client.data(`mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
        input: { title, body: 'Pour le test des nombres.', tags: ['ameli'], departement: '29' },
      });
    const many = (await ask('Comment lire un relevé Ameli sur le téléphone ?')).askQuestion.id;
    const one = (await ask('Où trouver son numéro fiscal sur un avis ?')).askQuestion.id;
    const none = (await ask('Comment scanner une ordonnance avec un téléphone ?')).askQuestion.id;
    // The counter a trigger keeps as answers are written, set here as 1,234 answers would leave it.
    await sql(`update question set answer_count = 1234 where id = ?`, [many]);
    await sql(`update question set answer_count = 1 where id = ?`, [one]);

    const summaries = async (lang: 'fr' | 'en') => {
      const { data } = await app.client().request(HOME, { departement: '29' }, { 'accept-language': lang });
      const home = data!.home;
      const items = home.sections.find((s: any) => s.kind === 'entraide.question' && s.items.some((i: any) => i.id === many)).items;
      return Object.fromEntries(items.map((i: any) => [i.id, i.summary]));
    };
    expect(await summaries('fr')).toMatchObject({
      [many]: '1\u202f234 réponses',
      [one]: '1 réponse',
      [none]: 'Pas encore de réponse : pouvez-vous aider ?',
    });
    expect(await summaries('en')).toMatchObject({ [many]: '1,234 answers', [one]: '1 answer' });
  });

  it('costs the same number of statements for 2 and for 20 items per section', async () => {
    const { client } = await member('Compteur Accueil', '44');
    for (let i = 0; i < 20; i++) await sql(`insert into test_question (title, departement) values (?, '44')`, [`Question ${i}`]);
    const small = await app.countStatements(() => client.data(HOME, { perSection: 2 }));
    const large = await app.countStatements(() => client.data(HOME, { perSection: 20 }));
    expect(large.result.home.sections[0].items).toHaveLength(20);
    expect(small.result.home.sections[0].items).toHaveLength(2);
    expect(large.statements).toBe(small.statements);
  });

  it('reads only the parts a page asks for, each in one statement: the figures alone are one statement after the session', async () => {
    const { client } = await member('Chiffres Seuls', '44');
    const all = await app.countStatements(() => client.data(HOME));
    const figures = await app.countStatements(() => client.data(`{ home { figures { key value } } }`));
    expect(figures.result.home.figures.find((figure: any) => figure.key === 'lieux')).toBeDefined();
    // The session lookup, then the figures' one statement; the sections and what concerns the member are not read.
    expect(figures.statements).toBe(2);
    // Asked for everything: the session, then one statement for every section's feed, the figures, and what concerns them.
    expect(all.statements).toBe(4);
    expect(all.result.home.sections.length).toBeGreaterThan(3);
    expect(all.result.home.forMe.length).toBeGreaterThan(3);
  });
});

describe('Atom feeds', () => {
  it('serves one Atom feed per home section, filterable by département, and 404 for an unknown one', async () => {
    await sql(`insert into test_question (title, departement) values (?, '44')`, ['Atelier « <smartphone> » & tablette ?']);
    const response = await fetch(`${app.url}/flux/entraide.question.atom?departement=44`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">');
    expect(xml).toContain('<title>Maillage — Questions récentes</title>');
    expect(xml).toContain('<title>Atelier « &lt;smartphone&gt; » &amp; tablette ?</title>');
    expect(xml).toMatch(/<link rel="alternate" type="text\/html" href="http:\/\/127\.0\.0\.1:\d+\/entraide\/questions\/[0-9a-f-]{36}"\/>/);
    expect(xml).not.toContain('Question masquée');
    const members = await (await fetch(`${app.url}/flux/reseau.membre.atom?departement=16`)).text();
    expect(members).toContain('<title>Nadia Charente</title>');
    expect(members).not.toContain('Karim Concerné');
    expect((await fetch(`${app.url}/flux/inconnu.atom`)).status).toBe(404);
    expect((await fetch(`${app.url}/flux/reseau.membre.atom?departement=99`)).status).toBe(400);
  });
});
